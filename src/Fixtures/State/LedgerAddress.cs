using System.Text;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.State;

/// <summary>
/// How the Go node keys ledger rows: the <c>wallet</c> column is always go-ethereum's <c>HexToAddress(s).Hex()</c>
/// (EIP-55, garbage becomes a padded/zero address) and an <c>account_id</c> is EIP-55 when it is a hex address,
/// otherwise the string as given (app session ids).
/// </summary>
public static class LedgerAddress
{
    /// <summary>True for 40 hex digits with an optional "0x"/"0X" prefix (go-ethereum <c>IsHexAddress</c>).</summary>
    public static bool IsHexAddress(string text)
    {
        var body = HasPrefix(text) ? text.AsSpan(2) : text.AsSpan();
        if (body.Length != 40) return false;
        foreach (var c in body)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    /// <summary>The <c>account_id</c> a string maps to.</summary>
    public static string AccountId(string accountId) => IsHexAddress(accountId) ? WalletColumn(accountId) : accountId;

    /// <summary>The <c>wallet</c> column value for a string: go-ethereum <c>HexToAddress(s).Hex()</c>.</summary>
    public static string WalletColumn(string text)
    {
        var body = HasPrefix(text) ? text[2..] : text;
        if (body.Length % 2 == 1) body = "0" + body;
        // Go's lenient hex decoding keeps the bytes decoded before the first bad digit pair.
        var bytes = new List<byte>(body.Length / 2);
        for (var i = 0; i + 1 < body.Length; i += 2)
        {
            if (!char.IsAsciiHexDigit(body[i]) || !char.IsAsciiHexDigit(body[i + 1])) break;
            bytes.Add(Convert.ToByte(body.Substring(i, 2), 16));
        }
        var address = new byte[20];
        var take = Math.Min(20, bytes.Count);
        for (var i = 0; i < take; i++) address[20 - take + i] = bytes[bytes.Count - take + i];
        return Checksum(Convert.ToHexStringLower(address));
    }

    private static bool HasPrefix(string text) => text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');

    private static string Checksum(string lowerHex40)
    {
        var hash = Keccak256.Hash(Encoding.ASCII.GetBytes(lowerHex40));
        var result = new StringBuilder("0x", 42);
        for (var i = 0; i < 40; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            var c = lowerHex40[i];
            result.Append(nibble >= 8 && c is >= 'a' and <= 'f' ? char.ToUpperInvariant(c) : c);
        }
        return result.ToString();
    }
}
