using NUnit.Framework;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using static NitroConformance.Protocol.Tests.Crypto.VectorCases;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>keys.json: seed derivation, private key, public key and EIP-55 address on both backends.</summary>
public sealed class KeyVectorTests
{
    private const string File = "keys.json";

    private static IEnumerable<TestCaseData> Keys() => EntriesPerBackend(File, "keys");

    /// <summary>The vector key of a name (e.g. "alice") on a backend.</summary>
    public static EthKey KeyNamed(string name, ISecp256k1 backend)
    {
        var entry = Array(File, "keys").FirstOrDefault(k => k?["name"]?.GetValue<string>() == name)
            ?? throw new InvalidDataException($"{File} has no key named '{name}'.");
        return EthKey.FromHex(Str(entry, "private_key"), backend);
    }

    [TestCaseSource(nameof(Keys))]
    public void SeedDerivesPrivateKeyAndAddress(JsonNode entry, string backendName)
    {
        var backend = Backends.Get(backendName);
        var key = EthKey.FromSeed(Str(entry, "seed"), backend);
        Assert.Multiple(() =>
        {
            Assert.That(Str(entry, "seed"), Is.EqualTo("nitro-conformance-" + Str(entry, "name")));
            Assert.That(key.PrivateKeyHex, Is.EqualTo(Str(entry, "private_key")));
            Assert.That(key.Address, Is.EqualTo(Str(entry, "address")));
            Assert.That(key.Backend, Is.SameAs(backend));
        });
        VectorTally.Ran(File, backendName);
    }

    [TestCaseSource(nameof(Keys))]
    public void PrivateKeyHexGivesAddressAndChecksumForms(JsonNode entry, string backendName)
    {
        var key = EthKey.FromHex(Str(entry, "private_key"), Backends.Get(backendName));
        var lower = Str(entry, "address_lowercase");
        Assert.Multiple(() =>
        {
            Assert.That(key.Address, Is.EqualTo(Str(entry, "address")));
            Assert.That(key.Address.ToLowerInvariant(), Is.EqualTo(lower));
            Assert.That(EthAddress.ToChecksum(lower), Is.EqualTo(Str(entry, "address")));
            Assert.That(EthAddress.ToChecksum(lower.ToUpperInvariant().Replace("0X", "0x")), Is.EqualTo(Str(entry, "address")));
            Assert.That(EthAddress.IsValid(key.Address), Is.True);
            Assert.That(EthAddress.IsValid(lower), Is.True);
            Assert.That(EthAddress.IsChecksummed(key.Address), Is.True);
            Assert.That(EthAddress.FromPublicKey(key.PublicKey.Span), Is.EqualTo(Str(entry, "address")));
        });
    }

    [TestCaseSource(nameof(Keys))]
    public void BothBackendsDeriveTheSamePublicKey(JsonNode entry, string backendName)
    {
        var privateKey = Hex.Decode(Str(entry, "private_key"));
        var fromBackend = new byte[64];
        var fromManaged = new byte[64];
        Backends.Get(backendName).GetPublicKey(privateKey, fromBackend);
        Secp256k1.Managed.GetPublicKey(privateKey, fromManaged);
        Assert.That(fromBackend, Is.EqualTo(fromManaged));
    }
}
