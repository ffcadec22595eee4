namespace NitroConformance.Protocol.Crypto;

/// <summary>Ethereum addresses: derivation from a public key and EIP-55 mixed-case checksums.</summary>
public static class EthAddress
{
    /// <summary>The EIP-55 address of a 64-byte uncompressed public key (X‖Y, no 0x04 prefix).</summary>
    public static string FromPublicKey(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64)
            throw new ArgumentException($"A public key must be 64 bytes (X‖Y without 0x04), got {publicKey64.Length}.", nameof(publicKey64));
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(publicKey64, hash);
        return Checksum(Convert.ToHexStringLower(hash[12..]));
    }

    /// <summary>The EIP-55 form of "0x" + 40 hex digits in any case; throws <see cref="FormatException"/> otherwise.</summary>
    public static string ToChecksum(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!HasAddressShape(address))
            throw new FormatException($"Not an Ethereum address (expected \"0x\" and 40 hex digits): '{address}'.");
        return Checksum(address[2..].ToLowerInvariant());
    }

    /// <summary>
    /// True for "0x" + 40 hex digits that are all lower case, all upper case, or a correct EIP-55 checksum.
    /// </summary>
    public static bool IsValid(string? address)
    {
        if (address is null || !HasAddressShape(address)) return false;
        var digits = address.AsSpan(2);
        var hasLower = digits.ContainsAny("abcdef");
        var hasUpper = digits.ContainsAny("ABCDEF");
        return !(hasLower && hasUpper) || IsChecksummed(address);
    }

    /// <summary>True when the address is exactly its EIP-55 form (what the ClearNode compares against).</summary>
    public static bool IsChecksummed(string? address) =>
        address is not null && HasAddressShape(address) && string.Equals(address, Checksum(address[2..].ToLowerInvariant()), StringComparison.Ordinal);

    /// <summary>Parses an address into its 20 bytes; throws <see cref="FormatException"/> for anything else.</summary>
    public static byte[] ToBytes(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!HasAddressShape(address))
            throw new FormatException($"Not an Ethereum address (expected \"0x\" and 40 hex digits): '{address}'.");
        return Convert.FromHexString(address.AsSpan(2));
    }

    /// <summary>
    /// Parses 40 hex digits with or without a "0x"/"0X" prefix into 20 bytes, the spellings go-ethereum accepts for an
    /// EIP-712 <c>address</c> value (IsHexAddress); throws <see cref="FormatException"/> for anything else.
    /// </summary>
    public static byte[] ToBytesPrefixOptional(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ToBytes(text.Length == 40 ? "0x" + text : text);
    }

    private static bool HasAddressShape(string address)
    {
        if (address.Length != 42 || address[0] != '0' || (address[1] != 'x' && address[1] != 'X')) return false;
        for (var i = 2; i < 42; i++)
            if (!char.IsAsciiHexDigit(address[i])) return false;
        return true;
    }

    // EIP-55: upper-case a letter when the matching nibble of keccak256(lower-case hex text) is ≥ 8.
    private static string Checksum(string lowerHex40)
    {
        Span<byte> ascii = stackalloc byte[40];
        for (var i = 0; i < 40; i++) ascii[i] = (byte)lowerHex40[i];
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(ascii, hash);
        Span<char> chars = stackalloc char[42];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < 40; i++)
        {
            var c = lowerHex40[i];
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            chars[i + 2] = c >= 'a' && nibble >= 8 ? (char)(c - 32) : c;
        }
        return new string(chars);
    }
}
