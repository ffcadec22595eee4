using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>
/// A request from rpc-signing.json rebuilt with our <see cref="Requests"/> builders; construction checks that the
/// rebuilt req text and the signed envelope equal the vector byte for byte, so the benchmarks time real frames.
/// </summary>
internal sealed class RequestSample
{
    /// <summary>The two request shapes the benchmarks use, by short name.</summary>
    public static readonly IReadOnlyDictionary<string, string> VectorNames = new Dictionary<string, string>
    {
        ["create_app_session"] = "create_app_session_v04_three_party_funded",
        ["submit_app_state"] = "submit_app_state_v04_operate_v2",
    };

    private RequestSample(string vectorName, Func<JsonObject> buildParams, RpcRequest request, IReadOnlyList<string> signerSeeds, string envelope)
    {
        VectorName = vectorName;
        BuildParams = buildParams;
        Request = request;
        SignerSeeds = signerSeeds;
        Envelope = envelope;
    }

    /// <summary>The vector this sample reproduces.</summary>
    public string VectorName { get; }

    /// <summary>Builds the params object afresh (what a client does per request).</summary>
    public Func<JsonObject> BuildParams { get; }

    /// <summary>The request with params already built.</summary>
    public RpcRequest Request { get; }

    /// <summary>Key seeds of the signers, in <c>sig[]</c> order.</summary>
    public IReadOnlyList<string> SignerSeeds { get; }

    /// <summary>The vector's envelope text (what a server receives).</summary>
    public string Envelope { get; }

    /// <summary>The signers on <paramref name="backend"/>.</summary>
    public EthKey[] Signers(ISecp256k1 backend) => SignerSeeds.Select(seed => EthKey.FromSeed(seed, backend)).ToArray();

    /// <summary>Loads and verifies the sample with short name <paramref name="shape"/> (a key of <see cref="VectorNames"/>).</summary>
    public static RequestSample Load(string shape)
    {
        if (!VectorNames.TryGetValue(shape, out var vectorName))
            throw new ArgumentException($"Unknown request shape \"{shape}\"; expected one of {string.Join(", ", VectorNames.Keys)}.", nameof(shape));
        var entry = WireVectors.Entry("rpc-signing.json", vectorName);
        var reqJson = WireVectors.Text(entry, "req_json");
        var req = JsonNode.Parse(reqJson)!.AsArray();
        var p = req[2]!.AsObject();
        var allocations = p["allocations"]!.AsArray()
            .Select(a => new AppAllocation((string)a!["participant"]!, (string)a["asset"]!, (string)a["amount"]!))
            .ToArray();
        var sessionData = (string?)p["session_data"];
        Func<JsonObject> build = (string)req[1]! switch
        {
            RpcMethods.CreateAppSession => BuildCreate(p["definition"]!.AsObject(), allocations, sessionData),
            RpcMethods.SubmitAppState => () => Requests.SubmitAppState(
                (string)p["app_session_id"]!, (string)p["intent"]!, (ulong)p["version"]!, allocations, sessionData),
            var other => throw new InvalidDataException($"Vector {vectorName}: unexpected method {other}."),
        };
        var request = new RpcRequest((ulong)req[0]!, (string)req[1]!, build(), (ulong)req[3]!);
        var seeds = entry["signatures"]!.AsArray().Select(s => "nitro-conformance-" + (string)s!["signer"]!).ToArray();
        var sample = new RequestSample(vectorName, build, request, seeds, WireVectors.Text(entry, "envelope"));

        if (request.ReqJson != reqJson)
            throw new InvalidDataException($"Vector {vectorName}: rebuilt req_json differs:\n{request.ReqJson}\n{reqJson}");
        var signed = RpcFrames.SignRequest(request, sample.Signers(Secp256k1.Managed));
        if (signed.Frame != sample.Envelope)
            throw new InvalidDataException($"Vector {vectorName}: signed frame differs from the envelope:\n{signed.Frame}\n{sample.Envelope}");
        return sample;
    }

    private static Func<JsonObject> BuildCreate(JsonObject d, AppAllocation[] allocations, string? sessionData)
    {
        var definition = new AppDefinition(
            (string)d["application"]!,
            (string)d["protocol"]!,
            d["participants"]!.AsArray().Select(x => (string)x!).ToArray(),
            d["weights"]!.AsArray().Select(x => (long)x!).ToArray(),
            (ulong)d["quorum"]!,
            (ulong)d["challenge"]!,
            (ulong)d["nonce"]!);
        return () => Requests.CreateAppSession(definition, allocations, sessionData);
    }
}
