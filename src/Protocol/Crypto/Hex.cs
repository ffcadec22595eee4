namespace NitroConformance.Protocol.Crypto;

/// <summary>Lower-case hex encoding with an optional "0x" prefix, as Ethereum tools write it.</summary>
public static class Hex
{
    /// <summary>Encodes bytes as lower-case hex, "0x"-prefixed unless <paramref name="prefix"/> is false.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        var hex = Convert.ToHexStringLower(bytes);
        return prefix ? "0x" + hex : hex;
    }

    /// <summary>Decodes hex with or without "0x"; throws <see cref="FormatException"/> naming the problem.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (body.Length % 2 != 0) throw new FormatException($"Hex string has an odd number of digits: '{Shorten(text)}'.");
        try
        {
            return Convert.FromHexString(body);
        }
        catch (FormatException)
        {
            throw new FormatException($"Not a hex string: '{Shorten(text)}'.");
        }
    }

    /// <summary>True when <paramref name="text"/> is "0x" followed by an even number of hex digits.</summary>
    public static bool IsPrefixedHex(string? text)
    {
        if (text is null || text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return false;
        if ((text.Length - 2) % 2 != 0) return false;
        for (var i = 2; i < text.Length; i++)
            if (!char.IsAsciiHexDigit(text[i])) return false;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
