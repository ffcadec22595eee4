using NUnit.Framework;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using static NitroConformance.Protocol.Tests.Crypto.VectorCases;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>eip712-auth.json: every intermediate hash, the digest, the wallet signature per backend, and the negative case.</summary>
public sealed class Eip712AuthVectorTests
{
    private const string File = "eip712-auth.json";

    private static bool IsPositive(JsonNode entry) => entry["typed_data"] is not null;

    private static IEnumerable<TestCaseData> Cases() => Entries(File, "cases", IsPositive);

    private static IEnumerable<TestCaseData> CasesPerBackend() => EntriesPerBackend(File, "cases", IsPositive);

    private static IEnumerable<TestCaseData> NegativeCasesPerBackend() => EntriesPerBackend(File, "cases", e => !IsPositive(e));

    private static AuthPolicy PolicyOf(JsonNode entry)
    {
        var message = entry["typed_data"]!["message"]!;
        var allowances = (message["allowances"] as JsonArray ?? [])
            .Select(a => new Allowance(Str(a!, "asset"), Str(a!, "amount")))
            .ToList();
        return new AuthPolicy(
            Str(message, "challenge"), Str(message, "scope"), Str(message, "wallet"), Str(message, "session_key"),
            message["expires_at"]!.GetValue<ulong>(), allowances);
    }

    private static string Application(JsonNode entry) => Str(entry["typed_data"]!["domain"]!, "name");

    [TestCaseSource(nameof(Cases))]
    public void TypedDataMatchesTheAuthScheme(JsonNode entry)
    {
        // The vector's typed data must be the fixed scheme this class hard-wires, or the hashes below prove nothing.
        var typedData = entry["typed_data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Application(entry), Is.EqualTo(Str(entry, "application")));
            Assert.That(Str(typedData, "primaryType"), Is.EqualTo("Policy"));
            Assert.That(typedData["domain"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "name" }));
            Assert.That(Str(typedData["message"]!, "wallet"), Is.EqualTo(Str(entry, "wallet_address")));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void IntermediateHashesMatch(JsonNode entry)
    {
        var hashes = entry["hashes"]!;
        var policy = PolicyOf(entry);
        var expectedAllowanceHashes = (hashes["allowance_struct_hashes"] as JsonArray ?? []).Select(h => h!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Str(hashes, "domain_type_string"), Is.EqualTo(Eip712Auth.DomainTypeString));
            Assert.That(Hex.Encode(Eip712Auth.DomainTypeHash), Is.EqualTo(Str(hashes, "domain_type_hash")));
            Assert.That(Hex.Encode(Eip712Auth.DomainSeparator(Application(entry))), Is.EqualTo(Str(hashes, "domain_separator")));
            Assert.That(Str(hashes, "policy_type_string"), Is.EqualTo(Eip712Auth.PolicyTypeString));
            Assert.That(Hex.Encode(Eip712Auth.PolicyTypeHash), Is.EqualTo(Str(hashes, "policy_type_hash")));
            Assert.That(Str(hashes, "allowance_type_string"), Is.EqualTo(Eip712Auth.AllowanceTypeString));
            Assert.That(Hex.Encode(Eip712Auth.AllowanceTypeHash), Is.EqualTo(Str(hashes, "allowance_type_hash")));
            Assert.That(policy.Allowances.Select(a => Hex.Encode(Eip712Auth.AllowanceStructHash(a))), Is.EqualTo(expectedAllowanceHashes));
            Assert.That(Hex.Encode(Eip712Auth.AllowancesArrayHash(policy.Allowances)), Is.EqualTo(Str(hashes, "allowances_array_hash")));
            Assert.That(Hex.Encode(Eip712Auth.PolicyStructHash(policy)), Is.EqualTo(Str(hashes, "policy_struct_hash")));
            Assert.That(Hex.Encode(Eip712Auth.Digest(Application(entry), policy)), Is.EqualTo(Str(hashes, "digest")));
        });
        VectorTally.Ran(File + " (hashes)", "-");
    }

    [TestCaseSource(nameof(CasesPerBackend))]
    public void WalletSignatureIsByteIdenticalAndRecovers(JsonNode entry, string backendName)
    {
        var backend = Backends.Get(backendName);
        var wallet = KeyVectorTests.KeyNamed(Str(entry, "wallet"), backend);
        var policy = PolicyOf(entry);
        var signature = Eip712Auth.Sign(wallet, Application(entry), policy);
        var digest = Hex.Decode(Str(entry["hashes"]!, "digest"));
        Assert.Multiple(() =>
        {
            Assert.That(signature, Is.EqualTo(Str(entry, "signature")));
            Assert.That(signature[2..66], Is.EqualTo(Str(entry, "r")[2..]));
            Assert.That(signature[66..130], Is.EqualTo(Str(entry, "s")[2..]));
            Assert.That(Convert.ToInt32(signature[130..], 16), Is.EqualTo(entry["v"]!.GetValue<int>()));
            // The signature is also what the auth_verify envelope carries in sig[0].
            Assert.That(Str(entry["auth_verify"]!, "envelope"), Does.EndWith($"\"sig\":[\"{signature}\"]}}"));
        });
        Assert.That(Signature.TryRecoverAddress(digest, signature, backend, out var recovered), Is.True);
        Assert.That(recovered, Is.EqualTo(Str(entry, "wallet_address")));
        VectorTally.Ran(File + " (signatures)", backendName);
    }

    [TestCaseSource(nameof(Cases))]
    public void ServerSideRecoveryFindsTheWallet(JsonNode entry)
    {
        Assert.That(Eip712Auth.TryRecoverSigner(Application(entry), PolicyOf(entry), Str(entry, "signature"), out var signer), Is.True);
        Assert.That(signer, Is.EqualTo(Str(entry, "wallet_address")));
        // The same signature under another application name belongs to nobody known.
        Assert.That(Eip712Auth.TryRecoverSigner(Application(entry) + "x", PolicyOf(entry), Str(entry, "signature"), out var other), Is.True);
        Assert.That(other, Is.Not.EqualTo(Str(entry, "wallet_address")));
    }

    [TestCaseSource(nameof(NegativeCasesPerBackend))]
    public void WrongWalletSignatureRecoversAnUnrelatedAddress(JsonNode negative, string backendName)
    {
        var backend = Backends.Get(backendName);
        // The negative case reuses the challenge of alice_console_no_allowances: the server rebuilds that typed data.
        var original = Array(File, "cases").Single(c => c!["name"]!.GetValue<string>() == "alice_console_no_allowances")!;
        var challenge = Str(original["typed_data"]!["message"]!, "challenge");
        Assert.That(Str(negative["auth_verify"]!, "envelope"), Does.Contain($"\"challenge\":\"{challenge}\""));
        var digest = Eip712Auth.Digest(Application(original), PolicyOf(original));

        Assert.That(Signature.TryRecoverAddress(digest, Str(negative, "signature"), backend, out var recovered), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(recovered, Is.EqualTo(Str(negative, "server_recovers")));
            Assert.That(recovered, Is.Not.EqualTo(Str(original, "wallet_address")));
        });
        // The vector signature is carol signing the same policy with herself as "wallet" (generate.mjs).
        var carol = KeyVectorTests.KeyNamed("carol", backend);
        var carolsView = PolicyOf(original) with { Wallet = carol.Address };
        Assert.That(Eip712Auth.Sign(carol, Application(original), carolsView), Is.EqualTo(Str(negative, "signature")));
        Assert.That(recovered, Is.Not.EqualTo(carol.Address));
        VectorTally.Ran(File + " (negative)", backendName);
    }

    [Test]
    public void SpecWorkedExampleC()
    {
        // clearnode-rpc.md §5.4 (Hardhat key #1 as Alice's wallet).
        var alice = EthKey.FromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        var policy = new AuthPolicy("550e8400-e29b-41d4-a716-446655440000", "console", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0xCFEA8Fd97A33D4cb68aC61eDE98Bc18D07eff004", 1762417328, [new Allowance("usdc", "100")]);
        Assert.Multiple(() =>
        {
            Assert.That(alice.Address, Is.EqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
            Assert.That(Hex.Encode(Eip712Auth.DomainSeparator("clearnode")), Is.EqualTo("0x0e464ca6517c9323fc7cfb44001ad25eed639945a69c309d596a363f310c9fbe"));
            Assert.That(Hex.Encode(Eip712Auth.AllowancesArrayHash(policy.Allowances)), Is.EqualTo("0x2c1316ae793b03c54a911733715d34f4f98f64bac7b9088022a565f6debe7f51"));
            Assert.That(Hex.Encode(Eip712Auth.PolicyStructHash(policy)), Is.EqualTo("0xad86559b2dac5d7b831347928f41230bc8f13e054dc34347befd52d03d600ebb"));
            Assert.That(Hex.Encode(Eip712Auth.Digest("clearnode", policy)), Is.EqualTo("0x2f009ae9a3330968b5ab3c781110f96d8c11912ee9ba2bfc839c4ec56d2eed01"));
            Assert.That(Eip712Auth.Sign(alice, "clearnode", policy), Is.EqualTo("0xb9715294b0052bb8f6d09dd4e3328ca6dc9e19d83f53ee5afd2e49cf13b278ca76ae8ba86a6855348d4fc14d79154d4849432a5f9cddce01fd26d85241baf0891b"));
            Assert.That(Hex.Encode(Eip712Auth.Digest("clearnode", policy with { Allowances = [] })), Is.EqualTo("0x9a213bbf8bebc49741044352135bfe150b818b36bc2990cd007caac87a1662a2"));
        });
    }

    [Test]
    public void MalformedAddressFieldIsNamed()
    {
        var policy = new AuthPolicy("c", "s", "0x1234", "0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d", 1, []);
        var error = Assert.Throws<FormatException>(() => Eip712Auth.Digest("app", policy));
        Assert.That(error!.Message, Is.EqualTo("EIP-712 Policy field 'wallet' is not an address (40 hex digits, \"0x\" optional): '0x1234'."));
        Assert.That(Eip712Auth.TryRecoverSigner("app", policy, "0x" + new string('1', 130), out _), Is.False);
    }

    [Test]
    public void EverySpellingGoAcceptsOfAnAddressHashesAlikeAndADoublePrefixIsRefused()
    {
        // go-ethereum's IsHexAddress: optional 0x/0X prefix, 40 hex digits in any case (clearnode signer.go ~l.93-125).
        var policy = new AuthPolicy("c", "s", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0xCFEA8Fd97A33D4cb68aC61eDE98Bc18D07eff004", 1, []);
        var expected = Hex.Encode(Eip712Auth.PolicyStructHash(policy));
        string[] spellings = ["70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0X70997970C51812DC3A010C7D01B50E0D17DC79C8"];
        Assert.Multiple(() =>
        {
            foreach (var spelling in spellings)
            {
                Assert.That(Hex.Encode(Eip712Auth.PolicyStructHash(policy with { Wallet = spelling })), Is.EqualTo(expected), spelling);
            }
            Assert.That(Hex.Encode(Eip712Auth.PolicyStructHash(policy with { SessionKey = "cfea8fd97a33d4cb68ac61ede98bc18d07eff004" })), Is.EqualTo(expected));
            Assert.Throws<FormatException>(() => Eip712Auth.PolicyStructHash(policy with { Wallet = "0x0X70997970C51812dc3A010C7d01b50e0d17dc79C8" }));
            Assert.Throws<FormatException>(() => Eip712Auth.PolicyStructHash(policy with { SessionKey = "x70997970C51812dc3A010C7d01b50e0d17dc79C8" }));
        });
    }

    [Test]
    public void EmptyApplicationIsRefusedOnTheServerSide()
    {
        var entry = Array(File, "cases").First(e => IsPositive(e!))!;
        Assert.That(Eip712Auth.TryRecoverSigner("", PolicyOf(entry), Str(entry, "signature"), out var signer), Is.False);
        Assert.That(signer, Is.Empty);
    }
}
