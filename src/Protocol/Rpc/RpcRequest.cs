using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Protocol.Rpc;

/// <summary>The four-element <c>req</c> array of a request (plus the legacy top-level <c>sid</c>).</summary>
public sealed record RpcRequest(ulong RequestId, string Method, JsonNode Params, ulong Timestamp, string? Sid = null)
{
    /// <summary><c>JSON.stringify([RequestId, Method, Params, Timestamp])</c>: the exact text that is signed and sent.</summary>
    /// <remarks>Serialised on every access (no cache, so <c>with</c> copies stay correct); read it once per use.</remarks>
    public string ReqJson => BuildReqJson();

    private string BuildReqJson()
    {
        ArgumentNullException.ThrowIfNull(Method);
        return "[" + RequestId.ToString(CultureInfo.InvariantCulture) + "," + JsJson.Quote(Method) + ","
             + JsJson.Serialize(Params) + "," + Timestamp.ToString(CultureInfo.InvariantCulture) + "]";
    }
}
