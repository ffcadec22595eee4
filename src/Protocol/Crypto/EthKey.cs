namespace NitroConformance.Protocol.Crypto;

/// <summary>A secp256k1 private key with its EIP-55 address; signs 32-byte hashes (no EIP-191 prefix).</summary>
public sealed class EthKey
{
    private readonly byte[] _privateKey;
    private readonly ISecp256k1 _backend;

    private EthKey(byte[] privateKey, ISecp256k1 backend)
    {
        _privateKey = privateKey;
        _backend = backend;
        var publicKey = new byte[64];
        backend.GetPublicKey(privateKey, publicKey);
        PublicKey = publicKey;
        Address = EthAddress.FromPublicKey(publicKey);
    }

    /// <summary>The EIP-55 checksummed address.</summary>
    public string Address { get; }

    /// <summary>The 64-byte uncompressed public key (X‖Y).</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The private key as "0x" + 64 lower-case hex digits.</summary>
    public string PrivateKeyHex => Hex.Encode(_privateKey);

    /// <summary>The backend this key signs with.</summary>
    public ISecp256k1 Backend => _backend;

    /// <summary>
    /// Parses "0x" + 64 hex digits (prefix optional). Throws <see cref="FormatException"/> saying what is wrong:
    /// non-hex, wrong length, zero, or not below the curve order.
    /// </summary>
    public static EthKey FromHex(string privateKeyHex, ISecp256k1? backend = null)
    {
        ArgumentNullException.ThrowIfNull(privateKeyHex);
        var body = privateKeyHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? privateKeyHex[2..] : privateKeyHex;
        foreach (var c in body)
        {
            if (!char.IsAsciiHexDigit(c))
                throw new FormatException($"Private key is not hex: character '{c}' in '{Redact(privateKeyHex)}'.");
        }
        if (body.Length != 64)
            throw new FormatException($"Private key must be 32 bytes (64 hex digits), got {body.Length} hex digits.");
        return FromBytes(Convert.FromHexString(body), backend);
    }

    /// <summary>Wraps 32 key bytes; throws <see cref="FormatException"/> for a wrong length, zero, or ≥ the curve order.</summary>
    public static EthKey FromBytes(ReadOnlySpan<byte> privateKey32, ISecp256k1? backend = null)
    {
        if (privateKey32.Length != 32)
            throw new FormatException($"Private key must be 32 bytes, got {privateKey32.Length}.");
        if (!privateKey32.ContainsAnyExcept((byte)0))
            throw new FormatException("Private key is zero, which is not a valid secp256k1 key.");
        if (!Secp256k1Arguments.IsScalarInRange(privateKey32))
            throw new FormatException("Private key is not below the secp256k1 curve order n.");
        return new EthKey(privateKey32.ToArray(), backend ?? Secp256k1.Default);
    }

    /// <summary>The key keccak256(UTF-8 <paramref name="text"/>), as the golden vectors derive theirs.</summary>
    public static EthKey FromSeed(string text, ISecp256k1? backend = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(Keccak256.HashUtf8(text), backend);
    }

    /// <summary>Signs a 32-byte hash: 65 bytes r‖s‖v, v = 27/28, RFC 6979, low-s.</summary>
    public byte[] SignHash(ReadOnlySpan<byte> hash32)
    {
        var signature = new byte[65];
        _backend.Sign(hash32, _privateKey, signature);
        return signature;
    }

    /// <summary>Signs into a caller-provided 65-byte buffer (no allocation).</summary>
    public void SignHash(ReadOnlySpan<byte> hash32, Span<byte> signature65) => _backend.Sign(hash32, _privateKey, signature65);

    /// <summary>Signs a 32-byte hash and returns "0x" + 130 lower-case hex digits.</summary>
    public string SignHashHex(ReadOnlySpan<byte> hash32)
    {
        Span<byte> signature = stackalloc byte[65];
        _backend.Sign(hash32, _privateKey, signature);
        return Hex.Encode(signature);
    }

    /// <summary>Shows the address only, so keys never leak into logs.</summary>
    public override string ToString() => $"EthKey({Address})";

    private static string Redact(string text) => text.Length <= 10 ? text : text[..6] + "…";
}
