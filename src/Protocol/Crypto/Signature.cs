namespace NitroConformance.Protocol.Crypto;

/// <summary>Recovering the signer of a hex r‖s‖v signature over a 32-byte hash.</summary>
public static class Signature
{
    /// <summary>
    /// Recovers the EIP-55 signer address. False (and an empty address) for non-hex, a missing "0x",
    /// a length other than 65 bytes, v outside 27/28/0/1, or a signature that does not recover.
    /// </summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> hash32, string? signatureHex, out string address) =>
        TryRecoverAddress(hash32, signatureHex, Secp256k1.Default, out address);

    /// <summary>As <see cref="TryRecoverAddress(ReadOnlySpan{byte}, string?, out string)"/> with a chosen backend.</summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> hash32, string? signatureHex, ISecp256k1 backend, out string address)
    {
        address = "";
        if (hash32.Length != 32 || signatureHex is null || signatureHex.Length != 132 || !Hex.IsPrefixedHex(signatureHex)) return false;
        Span<byte> signature = stackalloc byte[65];
        if (Convert.FromHexString(signatureHex.AsSpan(2), signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != 65)
            return false;
        Span<byte> publicKey = stackalloc byte[64];
        if (!backend.TryRecover(hash32, signature, publicKey)) return false;
        address = EthAddress.FromPublicKey(publicKey);
        return true;
    }
}
