using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Fixtures.Envelope;

/// <summary>
/// Builds outbound frames: <c>{"res":[id,method,result,ts],"sig":["0x…"]}</c> where the signature covers exactly
/// the Go-style JSON bytes placed in the <c>res</c> slot (clearnode-rpc.md §2.2, §4.2).
/// </summary>
public sealed class FrameSigner(EthKey signingKey)
{
    /// <summary>Address of the key that signs frames (the broker unless a defect swaps the key).</summary>
    public string SignerAddress => signingKey.Address;

    /// <summary>A response or notification frame (notifications use request id 0); signed when first sent.</summary>
    public OutboundFrame Build(ulong requestId, string method, JsonNode? result, ulong serverTimestamp)
    {
        // Written piecewise rather than as a JsonArray so the result needs no copy; the bytes are the same.
        var resJson = "[" + requestId.ToString(CultureInfo.InvariantCulture) + "," + GoJson.Quote(method) + ","
            + GoJson.Serialize(result) + "," + serverTimestamp.ToString(CultureInfo.InvariantCulture) + "]";
        return OutboundFrame.Signed(resJson, signingKey);
    }

    /// <summary>A signed error response <c>{"error":text}</c>.</summary>
    public OutboundFrame BuildError(ulong requestId, string error, ulong serverTimestamp) =>
        Build(requestId, "error", new JsonObject { ["error"] = error }, serverTimestamp);
}
