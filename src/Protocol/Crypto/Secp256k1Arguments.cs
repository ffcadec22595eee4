namespace NitroConformance.Protocol.Crypto;

/// <summary>Shared length and recovery-byte checks so both backends reject bad input the same way.</summary>
internal static class Secp256k1Arguments
{
    public static void CheckSign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> signature65)
    {
        if (hash32.Length != 32) throw new ArgumentException($"The hash must be 32 bytes, got {hash32.Length}.", nameof(hash32));
        CheckPrivateKeyLength(privateKey32);
        if (signature65.Length < 65) throw new ArgumentException($"The signature buffer must hold 65 bytes, got {signature65.Length}.", nameof(signature65));
    }

    public static void CheckPrivateKeyLength(ReadOnlySpan<byte> privateKey32)
    {
        if (privateKey32.Length != 32) throw new ArgumentException($"A private key must be 32 bytes, got {privateKey32.Length}.", nameof(privateKey32));
    }

    public static void CheckPublicKeyBuffer(Span<byte> publicKey64)
    {
        if (publicKey64.Length < 64) throw new ArgumentException($"The public key buffer must hold 64 bytes, got {publicKey64.Length}.", nameof(publicKey64));
    }

    /// <summary>The checks every recovery starts with: throws when <paramref name="publicKey64"/> is too small; returns the
    /// recovery id 0/1 from v, or -1 when the hash or signature has the wrong length or v is not 27/28/0/1.</summary>
    public static int RecoveryInput(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        CheckPublicKeyBuffer(publicKey64);
        return hash32.Length != 32 || signature65.Length != 65 ? -1 : RecoveryId(signature65[64]);
    }

    /// <summary>Maps v (27/28 or 0/1) to the recovery id 0/1; -1 for any other value.</summary>
    private static int RecoveryId(byte v) => v switch
    {
        27 or 28 => v - 27,
        0 or 1 => v,
        _ => -1,
    };

    /// <summary>True when 32 big-endian bytes hold a scalar in [1, n-1]: a usable private key, r or s.</summary>
    public static bool IsScalarInRange(ReadOnlySpan<byte> scalar32) =>
        scalar32.Length == 32 && scalar32.ContainsAnyExcept((byte)0) && scalar32.SequenceCompareTo(CurveOrder) < 0;

    // n, the order of the secp256k1 group, big-endian.
    private static ReadOnlySpan<byte> CurveOrder =>
    [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];

    public static ArgumentException InvalidPrivateKey() =>
        new("The private key is not valid for secp256k1 (it must be between 1 and n-1).", "privateKey32");
}
