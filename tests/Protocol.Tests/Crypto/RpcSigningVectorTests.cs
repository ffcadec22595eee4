using NUnit.Framework;
using System.Text;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using static NitroConformance.Protocol.Tests.Crypto.VectorCases;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>rpc-signing.json, crypto side: the hash of req_json and every signature byte for byte, per backend.</summary>
public sealed class RpcSigningVectorTests
{
    private const string File = "rpc-signing.json";

    private static IEnumerable<TestCaseData> Requests() => Entries(File, "vectors");

    private static IEnumerable<TestCaseData> SignaturesPerBackend() =>
        from request in Array(File, "vectors").Select(v => v!)
        from signature in (request["signatures"] as JsonArray ?? []).Select(s => s!)
        from backend in Backends.Names
        select new TestCaseData(request, signature, backend)
            .SetArgDisplayNames(Str(request, "name"), Str(signature, "signer"), backend);

    [TestCaseSource(nameof(Requests))]
    public void KeccakOfReqJsonMatches(JsonNode request)
    {
        var bytes = Encoding.UTF8.GetBytes(Str(request, "req_json"));
        Assert.Multiple(() =>
        {
            Assert.That(Hex.Encode(bytes), Is.EqualTo(Str(request, "req_utf8_hex")));
            Assert.That(Hex.Encode(Keccak256.Hash(bytes)), Is.EqualTo(Str(request, "req_keccak256")));
            Assert.That(Hex.Encode(Keccak256.HashUtf8(Str(request, "req_json"))), Is.EqualTo(Str(request, "req_keccak256")));
        });
        VectorTally.Ran(File + " (hash)", "-");
    }

    [TestCaseSource(nameof(SignaturesPerBackend))]
    public void SignatureIsByteIdenticalAndRecovers(JsonNode request, JsonNode signature, string backendName)
    {
        var backend = Backends.Get(backendName);
        var key = KeyVectorTests.KeyNamed(Str(signature, "signer"), backend);
        var hash = Hex.Decode(Str(request, "req_keccak256"));
        var expected = Str(signature, "signature");

        var produced = key.SignHash(hash);
        Assert.Multiple(() =>
        {
            Assert.That(key.Address, Is.EqualTo(Str(signature, "address")));
            Assert.That(Hex.Encode(produced), Is.EqualTo(expected));
            Assert.That(Hex.Encode(produced.AsSpan(0, 32)), Is.EqualTo(Str(signature, "r")));
            Assert.That(Hex.Encode(produced.AsSpan(32, 32)), Is.EqualTo(Str(signature, "s")));
            Assert.That((int)produced[64], Is.EqualTo(signature["v"]!.GetValue<int>()));
            Assert.That(produced[64] - 27, Is.EqualTo(signature["yParity"]!.GetValue<int>()));
            Assert.That(key.SignHashHex(hash), Is.EqualTo(expected));
        });

        Assert.That(Signature.TryRecoverAddress(hash, expected, backend, out var recovered), Is.True);
        Assert.That(recovered, Is.EqualTo(Str(signature, "address")));

        // The 0/1 form of v (what the Go server stores after recovery) recovers the same signer.
        var zeroOne = expected[..^2] + (produced[64] - 27).ToString("x2");
        Assert.That(Signature.TryRecoverAddress(hash, zeroOne, backend, out var recoveredZeroOne), Is.True);
        Assert.That(recoveredZeroOne, Is.EqualTo(Str(signature, "address")));
        VectorTally.Ran(File + " (signatures)", backendName);
    }

    [TestCaseSource(nameof(SignaturesPerBackend))]
    public void SignatureOverAnyOtherHashRecoversSomeoneElse(JsonNode request, JsonNode signature, string backendName)
    {
        var backend = Backends.Get(backendName);
        var hash = Hex.Decode(Str(request, "req_keccak256"));
        hash[0] ^= 0x01;
        var recovers = Signature.TryRecoverAddress(hash, Str(signature, "signature"), backend, out var other);
        Assert.That(recovers && other == Str(signature, "address"), Is.False);
    }
}
