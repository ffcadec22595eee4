using Org.BouncyCastle.Crypto.Digests;

namespace NitroConformance.Protocol.Crypto;

/// <summary>Ethereum Keccak-256 (the pre-standard Keccak padding, not NIST SHA3-256).</summary>
public static class Keccak256
{
    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[32];
        Hash(data, output);
        return output;
    }

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32) throw new ArgumentException("Keccak-256 needs a 32-byte destination.", nameof(destination));
        var digest = new KeccakDigest(256);
        // BouncyCastle 1.8 takes arrays only; one copy per hash is cheap next to an ECDSA operation.
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var result = new byte[32];
        digest.DoFinal(result, 0);
        result.CopyTo(destination);
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] HashUtf8(string text) => Hash(System.Text.Encoding.UTF8.GetBytes(text));
}
