using System.Text;

namespace NitroConformance.Fixtures.Envelope;

/// <summary>
/// Replaces JSON escapes of unpaired UTF-16 surrogates (<c>\ud800</c>) by <c>\ufffd</c>, as Go's decoder reads them.
/// System.Text.Json refuses to materialise such strings; the replacement has the same length, so offsets are kept.
/// </summary>
public static class SurrogateEscapes
{
    /// <summary>The text with every unpaired surrogate escape replaced (the same string when there is none).</summary>
    public static string Sanitize(string text)
    {
        if (!text.Contains("\\u", StringComparison.Ordinal)) return text;
        StringBuilder? result = null;
        // No string tracking is needed: in JSON a backslash occurs only inside strings, and a text that is not
        // JSON stays invalid after this same-length rewrite.
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length) continue;
            if (text[i + 1] != 'u')
            {
                i++; // skip the escaped character
                continue;
            }
            if (!TryHex(text, i + 2, out var unit))
            {
                i++;
                continue;
            }
            var paired = false;
            if (char.IsHighSurrogate((char)unit) && i + 11 < text.Length && text[i + 6] == '\\' && text[i + 7] == 'u'
                && TryHex(text, i + 8, out var next) && char.IsLowSurrogate((char)next))
            {
                paired = true;
            }
            if (paired)
            {
                i += 11;
                continue;
            }
            if (char.IsSurrogate((char)unit))
            {
                result ??= new StringBuilder(text);
                result.Remove(i, 6).Insert(i, "\\ufffd");
            }
            i += 5;
        }
        return result?.ToString() ?? text;
    }

    private static bool TryHex(string text, int start, out int value)
    {
        value = 0;
        if (start + 4 > text.Length) return false;
        for (var k = start; k < start + 4; k++)
        {
            var d = text[k];
            int digit = d switch
            {
                >= '0' and <= '9' => d - '0',
                >= 'a' and <= 'f' => d - 'a' + 10,
                >= 'A' and <= 'F' => d - 'A' + 10,
                _ => -1,
            };
            if (digit < 0) return false;
            value = value * 16 + digit;
        }
        return true;
    }
}
