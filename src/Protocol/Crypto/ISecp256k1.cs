namespace NitroConformance.Protocol.Crypto;

/// <summary>One secp256k1 ECDSA backend: deterministic (RFC 6979) low-s signing and public-key recovery.</summary>
public interface ISecp256k1
{
    /// <summary>Short backend name for reports ("native" or "managed").</summary>
    string Name { get; }

    /// <summary>
    /// Signs a 32-byte hash with RFC 6979 nonces and low-s, writing r‖s‖v (v = 27/28) into 65 bytes.
    /// Throws <see cref="ArgumentException"/> for wrong lengths or an invalid private key.
    /// </summary>
    void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> signature65);

    /// <summary>
    /// Recovers the signer's 64-byte uncompressed public key (X‖Y, no 0x04 prefix); v may be 27/28 or 0/1.
    /// Returns false for anything malformed or unrecoverable.
    /// </summary>
    bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64);

    /// <summary>Writes the 64-byte uncompressed public key (X‖Y) of a private key; throws for an invalid key.</summary>
    void GetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64);
}
