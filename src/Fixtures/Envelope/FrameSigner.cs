using System.Text;
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

    /// <summary>A signed response or notification frame (notifications use request id 0).</summary>
    public string Build(ulong requestId, string method, JsonNode? result, ulong serverTimestamp)
    {
        var array = new JsonArray(
            JsonValue.Create(requestId),
            JsonValue.Create(method),
            result?.DeepClone(),
            JsonValue.Create(serverTimestamp));
        var resJson = GoJson.Serialize(array);
        var signature = signingKey.SignHashHex(Keccak256.Hash(Encoding.UTF8.GetBytes(resJson)));
        return "{\"res\":" + resJson + ",\"sig\":[\"" + signature + "\"]}";
    }

    /// <summary>The <c>res</c> array text of a frame built by this class.</summary>
    public static string ResArray(string frame)
    {
        const string prefix = "{\"res\":";
        var end = frame.LastIndexOf(",\"sig\":[", StringComparison.Ordinal);
        return frame[prefix.Length..end];
    }

    /// <summary>A signed error response <c>{"error":text}</c>.</summary>
    public string BuildError(ulong requestId, string error, ulong serverTimestamp) =>
        Build(requestId, "error", new JsonObject { ["error"] = error }, serverTimestamp);
}
