using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Tests.Crypto;
using static NitroConformance.Protocol.Tests.Crypto.VectorCases;

namespace NitroConformance.Protocol.Tests.Oracle;

/// <summary>Every golden vector checked a second time by Nethereum, so the vectors and our code are not the only witnesses.</summary>
public sealed class NethereumVectorTests
{
    private static IEnumerable<TestCaseData> Keys() => Entries("keys.json", "keys");

    private static IEnumerable<TestCaseData> Requests() => Entries("rpc-signing.json", "vectors");

    private static IEnumerable<TestCaseData> AuthCases() => Entries("eip712-auth.json", "cases", e => e["typed_data"] is not null);

    private static IEnumerable<TestCaseData> AppSessions() => Entries("app-session-ids.json", "vectors");

    [TestCaseSource(nameof(Keys))]
    public void KeyGivesTheVectorAddress(JsonNode entry)
    {
        var privateKey = Nethereum.Keccak(Encoding.UTF8.GetBytes(Str(entry, "seed")));
        Assert.That(Hex.Encode(privateKey), Is.EqualTo(Str(entry, "private_key")));
        Assert.That(Nethereum.Address(privateKey), Is.EqualTo(Str(entry, "address")));
        VectorTally.Ran("keys.json", "nethereum");
    }

    [TestCaseSource(nameof(Requests))]
    public void RequestHashAndEverySignatureMatch(JsonNode request)
    {
        var hash = Nethereum.Keccak(Encoding.UTF8.GetBytes(Str(request, "req_json")));
        Assert.That(Hex.Encode(hash), Is.EqualTo(Str(request, "req_keccak256")));
        foreach (var signature in (request["signatures"] as JsonArray ?? []).Select(s => s!))
        {
            var privateKey = Hex.Decode(KeyVectorTests.KeyNamed(Str(signature, "signer"), Secp256k1.Managed).PrivateKeyHex);
            var expected = Str(signature, "signature");
            Assert.Multiple(() =>
            {
                Assert.That(Hex.Encode(Nethereum.Sign(hash, privateKey)), Is.EqualTo(expected));
                Assert.That(Nethereum.RecoverAddress(hash, Hex.Decode(expected)), Is.EqualTo(Str(signature, "address")));
                Assert.That(Nethereum.Verifies(hash, Hex.Decode(expected), privateKey), Is.True);
            });
            VectorTally.Ran("rpc-signing.json (signatures)", "nethereum");
        }
    }

    [TestCaseSource(nameof(AuthCases))]
    public void TypedDataDigestAndSignatureMatch(JsonNode entry)
    {
        var typedData = entry["typed_data"]!.ToJsonString();
        var privateKey = Hex.Decode(KeyVectorTests.KeyNamed(Str(entry, "wallet"), Secp256k1.Managed).PrivateKeyHex);
        var signature = Str(entry, "signature");
        Assert.Multiple(() =>
        {
            Assert.That(Hex.Encode(Nethereum.TypedDataDigest(typedData)), Is.EqualTo(Str(entry["hashes"]!, "digest")));
            Assert.That(Nethereum.SignTypedData(typedData, privateKey), Is.EqualTo(signature));
            Assert.That(Nethereum.RecoverAddress(Nethereum.TypedDataDigest(typedData), Hex.Decode(signature)), Is.EqualTo(Str(entry, "wallet_address")));
        });
        VectorTally.Ran("eip712-auth.json", "nethereum");
    }

    [TestCaseSource(nameof(AppSessions))]
    public void AppSessionIdIsTheKeccakOfTheGoJson(JsonNode entry)
    {
        var id = Nethereum.Keccak(Encoding.UTF8.GetBytes(Str(entry, "go_json_marshal")));
        Assert.That(Hex.Encode(id), Is.EqualTo(Str(entry, "app_session_id")));
        VectorTally.Ran("app-session-ids.json", "nethereum");
    }
}
