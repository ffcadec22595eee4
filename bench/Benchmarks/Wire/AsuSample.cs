using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>
/// A typical <c>asu</c> push (clearnode-rpc.md §6.1 field order) for the three-party session of rpc-signing.json after
/// its version-2 operate: payload, Go-serialised <c>res</c> array and the server-signed frame.
/// </summary>
internal sealed class AsuSample
{
    private AsuSample(JsonObject payload, string frame)
    {
        Payload = payload;
        Frame = frame;
    }

    /// <summary>The push payload <c>{"app_session":{…},"participant_allocations":[…]}</c>.</summary>
    public JsonObject Payload { get; }

    /// <summary><c>{"res":[0,"asu",payload,ts],"sig":["0x…"]}</c> as the node sends it.</summary>
    public string Frame { get; }

    /// <summary>Builds the sample from the create/submit vectors and checks that the parser reads it back.</summary>
    public static AsuSample Load()
    {
        var create = JsonNode.Parse(WireVectors.Text(WireVectors.Entry("rpc-signing.json", RequestSample.VectorNames["create_app_session"]), "req_json"))!.AsArray();
        var submit = JsonNode.Parse(WireVectors.Text(WireVectors.Entry("rpc-signing.json", RequestSample.VectorNames["submit_app_state"]), "req_json"))!.AsArray();
        var definition = create[2]!["definition"]!.AsObject();
        var state = submit[2]!.AsObject();
        var createdMs = (ulong)create[3]!;
        var updatedMs = (ulong)submit[3]!;

        var session = new JsonObject
        {
            ["app_session_id"] = (string)state["app_session_id"]!,
            ["application"] = "", // the Go node never fills it in asu
            ["status"] = "open",
            ["participants"] = definition["participants"]!.DeepClone(),
            ["session_data"] = (string)state["session_data"]!,
            ["protocol"] = (string)definition["protocol"]!,
            ["challenge"] = (ulong)definition["challenge"]!,
            ["weights"] = definition["weights"]!.DeepClone(),
            ["quorum"] = (ulong)definition["quorum"]!,
            ["version"] = (ulong)state["version"]!,
            ["nonce"] = (ulong)definition["nonce"]!,
            ["created_at"] = Rfc3339(createdMs),
            ["updated_at"] = Rfc3339(updatedMs),
        };
        var allocations = new JsonArray();
        foreach (var a in state["allocations"]!.AsArray())
        {
            if (decimal.Parse((string)a!["amount"]!, CultureInfo.InvariantCulture) == 0m) continue; // only non-zero shares
            allocations.Add(a.DeepClone());
        }
        var payload = new JsonObject { ["app_session"] = session, ["participant_allocations"] = allocations };

        var res = GoJson.Serialize(new JsonArray(0, RpcMethods.AppSessionUpdatePush, payload.DeepClone(), updatedMs + 50));
        var server = EthKey.FromSeed("nitro-conformance-server", Secp256k1.Managed);
        var frame = "{\"res\":" + res + ",\"sig\":[" + JsJson.Quote(server.SignHashHex(RpcFrames.Digest(res))) + "]}";

        var parsed = RpcFrameParser.Parse(frame);
        if (parsed.Method != RpcMethods.AppSessionUpdatePush || parsed.RawArray != res)
            throw new InvalidDataException($"The asu sample does not parse back: method {parsed.Method}, raw {parsed.RawArray}");
        return new AsuSample(payload, frame);
    }

    private static string Rfc3339(ulong unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(checked((long)unixMs)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
