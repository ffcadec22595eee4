using NBitcoin.Secp256k1;

namespace NitroConformance.Protocol.Crypto;

/// <summary>
/// Pure managed secp256k1 backend on NBitcoin.Secp256k1 (a C# port of libsecp256k1, the engine behind Nethereum's
/// recoverable signing); the fallback where the packaged native library does not load.
/// </summary>
public sealed class ManagedSecp256k1 : ISecp256k1
{
    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> signature65)
    {
        Secp256k1Arguments.CheckSign(hash32, privateKey32, signature65);
        using var key = PrivateKey(privateKey32);
        // RFC 6979 nonces (the port's default) and low-s, like the C library.
        if (!key.TrySignRecoverable(hash32, out var signature)) throw Secp256k1Arguments.InvalidPrivateKey();
        signature!.WriteToSpanCompact(signature65[..64], out var recoveryId);
        signature65[64] = (byte)(27 + recoveryId);
    }

    /// <inheritdoc />
    public bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        var recoveryId = Secp256k1Arguments.RecoveryInput(hash32, signature65, publicKey64);
        if (recoveryId < 0) return false;
        // Like libsecp256k1: r and s must be in [1, n-1]; high s is accepted.
        if (!Secp256k1Arguments.IsScalarInRange(signature65[..32]) || !Secp256k1Arguments.IsScalarInRange(signature65.Slice(32, 32)))
            return false;
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(signature65[..64], recoveryId, out var signature)) return false;
        if (!ECPubKey.TryRecover(Context.Instance, signature!, hash32, out var publicKey)) return false;
        WriteUncompressed(publicKey!, publicKey64);
        return true;
    }

    /// <inheritdoc />
    public void GetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64)
    {
        Secp256k1Arguments.CheckPrivateKeyLength(privateKey32);
        Secp256k1Arguments.CheckPublicKeyBuffer(publicKey64);
        using var key = PrivateKey(privateKey32);
        WriteUncompressed(key.CreatePubKey(), publicKey64);
    }

    // The library's Try* methods lack [NotNullWhen(true)], hence the ! after each success.
    private static ECPrivKey PrivateKey(ReadOnlySpan<byte> privateKey32) =>
        ECPrivKey.TryCreate(privateKey32, out var key) ? key! : throw Secp256k1Arguments.InvalidPrivateKey();

    private static void WriteUncompressed(ECPubKey publicKey, Span<byte> publicKey64)
    {
        Span<byte> serialized = stackalloc byte[65];
        publicKey.WriteToSpan(compressed: false, serialized, out _);
        serialized[1..].CopyTo(publicKey64);
    }
}
