using NUnit.Framework;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Bad keys, bad signatures and bad addresses give clear errors or false, on both backends.</summary>
public sealed class MalformedInputTests
{
    private const string AliceKey = "0xabde30c87da1945d466c2368cedbf76f460b017077d87e840cd3e2d2189038cb";
    private const string CurveOrder = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    private static readonly byte[] Hash = Keccak256.HashUtf8("[1001,\"ping\",{},1735689600000]");

    [TestCase("0x12", "Private key must be 32 bytes (64 hex digits), got 2 hex digits.")]
    [TestCase("", "Private key must be 32 bytes (64 hex digits), got 0 hex digits.")]
    [TestCase("0xzz00000000000000000000000000000000000000000000000000000000000001", "Private key is not hex: character 'z' in '0xzz00…'.")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000000", "Private key is zero, which is not a valid secp256k1 key.")]
    [TestCase("0x" + CurveOrder, "Private key is not below the secp256k1 curve order n.")]
    [TestCase("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "Private key is not below the secp256k1 curve order n.")]
    public void BadPrivateKeyHexIsExplained(string hex, string message)
    {
        var error = Assert.Throws<FormatException>(() => EthKey.FromHex(hex));
        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void KeyJustBelowTheOrderAndWithoutPrefixIsAccepted()
    {
        var nMinus1 = EthKey.FromHex(CurveOrder[..^1] + "0", Secp256k1.Managed);
        Assert.Multiple(() =>
        {
            Assert.That(EthAddress.IsChecksummed(nMinus1.Address), Is.True);
            Assert.That(EthKey.FromHex(AliceKey[2..]).Address, Is.EqualTo("0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d"));
            Assert.That(EthKey.FromHex(AliceKey).ToString(), Is.EqualTo("EthKey(0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d)"));
        });
    }

    [TestCaseSource(typeof(Backends), nameof(Backends.Names))]
    public void BackendRejectsZeroAndOverflowKeysAndWrongLengths(string backendName)
    {
        var backend = Backends.Get(backendName);
        var signature = new byte[65];
        var publicKey = new byte[64];
        Assert.Multiple(() =>
        {
            Assert.That(() => backend.Sign(Hash, new byte[32], signature), Throws.ArgumentException.With.Message.StartsWith("The private key is not valid for secp256k1"));
            Assert.That(() => backend.Sign(Hash, Convert.FromHexString(CurveOrder), signature), Throws.ArgumentException);
            Assert.That(() => backend.GetPublicKey(new byte[32], publicKey), Throws.ArgumentException);
            Assert.That(() => backend.Sign(Hash.AsSpan(0, 31), Hex.Decode(AliceKey), signature), Throws.ArgumentException.With.Message.StartsWith("The hash must be 32 bytes, got 31."));
            Assert.That(() => backend.Sign(Hash, Hex.Decode(AliceKey).AsSpan(0, 31), signature), Throws.ArgumentException.With.Message.StartsWith("A private key must be 32 bytes, got 31."));
            Assert.That(() => backend.Sign(Hash, Hex.Decode(AliceKey), new byte[64]), Throws.ArgumentException);
        });
    }

    private static IEnumerable<TestCaseData> MalformedSignatures()
    {
        var good = EthKey.FromHex(AliceKey, Secp256k1.Managed).SignHashHex(Hash);
        var cases = new (string Name, string? Text)[]
        {
            ("null", null),
            ("empty", ""),
            ("no 0x", good[2..] + "00"),
            ("non-hex", good[..10] + "zz" + good[12..]),
            ("short (64 bytes)", good[..^2]),
            ("long (66 bytes)", good + "00"),
            ("odd length", good + "0"),
            ("v = 29", good[..^2] + "1d"),
            ("v = 2", good[..^2] + "02"),
            ("v = 26", good[..^2] + "1a"),
            ("r = 0", "0x" + new string('0', 64) + good[66..]),
            ("s = 0", good[..66] + new string('0', 64) + good[130..]),
            ("r = n", "0x" + CurveOrder + good[66..]),
            ("s = n", good[..66] + CurveOrder + good[130..]),
            ("r not an x coordinate", "0x" + "0000000000000000000000000000000000000000000000000000000000000005" + good[66..]),
        };
        foreach (var (name, text) in cases)
            foreach (var backend in Backends.Names)
                yield return new TestCaseData(text, backend).SetArgDisplayNames(name, backend);
    }

    [TestCaseSource(nameof(MalformedSignatures))]
    public void MalformedSignatureDoesNotRecover(string? signatureHex, string backendName)
    {
        var recovered = Signature.TryRecoverAddress(Hash, signatureHex, Backends.Get(backendName), out var address);
        Assert.That((recovered, address), Is.EqualTo((false, "")));
    }

    [TestCaseSource(typeof(Backends), nameof(Backends.Names))]
    public void BackendTryRecoverRejectsWrongLengths(string backendName)
    {
        var backend = Backends.Get(backendName);
        var signature = EthKey.FromHex(AliceKey, backend).SignHash(Hash);
        var publicKey = new byte[64];
        Assert.Multiple(() =>
        {
            Assert.That(backend.TryRecover(Hash, signature.AsSpan(0, 64), publicKey), Is.False);
            Assert.That(backend.TryRecover(Hash.AsSpan(0, 31), signature, publicKey), Is.False);
            Assert.That(backend.TryRecover(Hash, signature, publicKey), Is.True);
        });
    }

    [TestCaseSource(typeof(Backends), nameof(Backends.Names))]
    public void HighSSignatureIsStillRecoveredLikeTheServerDoes(string backendName)
    {
        // clearnode-rpc.md §4.1: high-s is not rejected. Flip s to n - s and the parity bit: same signer.
        var backend = Backends.Get(backendName);
        var signature = EthKey.FromHex(AliceKey, backend).SignHash(Hash);
        var n = System.Numerics.BigInteger.Parse("0" + CurveOrder, System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var highS = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var flipped = (byte[])signature.Clone();
        Array.Clear(flipped, 32, 32);
        highS.CopyTo(flipped, 64 - highS.Length);
        flipped[64] = (byte)(signature[64] == 27 ? 28 : 27);
        Assert.That(Signature.TryRecoverAddress(Hash, Hex.Encode(flipped), backend, out var address), Is.True);
        Assert.That(address, Is.EqualTo("0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d"));
    }

    [TestCase("0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d", true)]
    [TestCase("0x078e2fbc2a2c886a90cf7d56dcda9e0cade7eb8d", true)]
    [TestCase("0x078E2FBC2A2C886A90CF7D56DCDA9E0CADE7EB8D", true)]
    [TestCase("0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8D", false)]
    [TestCase("078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d", false)]
    [TestCase("0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb", false)]
    [TestCase("0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8g", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void AddressValidity(string? address, bool valid)
    {
        Assert.That(EthAddress.IsValid(address), Is.EqualTo(valid));
    }

    [Test]
    public void ChecksumOfNonAddressIsExplained()
    {
        var error = Assert.Throws<FormatException>(() => EthAddress.ToChecksum("0x1234"));
        Assert.That(error!.Message, Is.EqualTo("Not an Ethereum address (expected \"0x\" and 40 hex digits): '0x1234'."));
    }

    [Test]
    public void PublicKeyOfWrongLengthIsRejected()
    {
        Assert.That(() => EthAddress.FromPublicKey(new byte[65]), Throws.ArgumentException.With.Message.StartsWith("A public key must be 64 bytes"));
    }
}
