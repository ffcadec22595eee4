using NUnit.Framework;
using NitroConformance.Protocol.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Keccak-256 against known digests and, across every block-boundary length, against BouncyCastle's KeccakDigest.</summary>
public sealed class Keccak256Tests
{
    [TestCase("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [TestCase("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [TestCase("EIP712Domain(string name)", "0xb2178a58fb1eefb359ecfdd57bb19c0bdd0f4e6eed8547f46600e500ed111af3")]
    public void KnownDigests(string text, string expected)
    {
        Assert.That(Hex.Encode(Keccak256.HashUtf8(text)), Is.EqualTo(expected));
    }

    [Test]
    public void MatchesBouncyCastleForLengthsAcrossBlockBoundaries()
    {
        var data = new byte[700];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i * 31 + 7);
        for (var length = 0; length <= data.Length; length++)
        {
            var digest = new KeccakDigest(256);
            digest.BlockUpdate(data, 0, length);
            var expected = new byte[32];
            digest.DoFinal(expected, 0);
            Assert.That(Keccak256.Hash(data.AsSpan(0, length)), Is.EqualTo(expected), $"length {length}");
        }
    }

    [Test]
    public void LongTextUsesThePooledPathAndAgrees()
    {
        var text = string.Concat(Enumerable.Repeat("héllo wörld € ", 200));
        Assert.That(Keccak256.HashUtf8(text), Is.EqualTo(Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Test]
    public void ShortDestinationIsRejected()
    {
        Assert.That(() => Keccak256.Hash([1, 2, 3], new byte[31]), Throws.ArgumentException);
    }
}
