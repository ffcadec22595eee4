using System.Globalization;
using System.Text;

namespace NitroConformance.Conformance.Running;

/// <summary>
/// Finds the <c>req</c> value of a frame's text as written, escapes and spacing kept: the bytes the Go node signs over
/// (clearnode rpc.go ~l.55-83 keeps them as received). A text scan, because a frame under test may hold escapes a JSON
/// parser refuses (an unpaired surrogate).
/// </summary>
public static class FrameReqText
{
    /// <summary>Start and length of the value of the last top-level key that reads "req" in any case (Go matches keys
    /// case-insensitively and a later duplicate wins), or null when the text is not an object with such a key.</summary>
    public static (int Start, int Length)? Find(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var i = SkipSpace(frame, 0);
        if (i >= frame.Length || frame[i] != '{') return null;
        (int, int)? found = null;
        i = SkipSpace(frame, i + 1);
        while (i < frame.Length && frame[i] == '"')
        {
            var keyEnd = StringEnd(frame, i);
            if (keyEnd < 0) return null;
            var key = Unescape(frame[(i + 1)..(keyEnd - 1)]);
            i = SkipSpace(frame, keyEnd);
            if (i >= frame.Length || frame[i] != ':') return null;
            var start = SkipSpace(frame, i + 1);
            var end = ValueEnd(frame, start);
            if (end < 0) return null;
            if (string.Equals(key, "req", StringComparison.OrdinalIgnoreCase)) found = (start, end - start);
            i = SkipSpace(frame, end);
            if (i < frame.Length && frame[i] == ',') i = SkipSpace(frame, i + 1);
        }
        return found;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n') i++;
        return i;
    }

    // Index just past the closing quote of the string opening at i, or -1.
    private static int StringEnd(string text, int i)
    {
        for (var k = i + 1; k < text.Length; k++)
        {
            if (text[k] == '\\') k++;
            else if (text[k] == '"') return k + 1;
        }
        return -1;
    }

    // Index just past the value starting at i (a string, a bracketed value, or a bare literal), or -1.
    private static int ValueEnd(string text, int i)
    {
        if (i >= text.Length) return -1;
        if (text[i] == '"') return StringEnd(text, i);
        if (text[i] is not ('[' or '{'))
        {
            var k = i;
            while (k < text.Length && text[k] is not (',' or '}' or ']' or ' ' or '\t' or '\r' or '\n')) k++;
            return k > i ? k : -1;
        }
        var depth = 0;
        for (var k = i; k < text.Length; k++)
        {
            switch (text[k])
            {
                case '"':
                    k = StringEnd(text, k) - 1;
                    if (k < 0) return -1;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0) return k + 1;
                    break;
            }
        }
        return -1;
    }

    // A key's text with its escapes decoded (enough to compare it with "req"; unknown escapes are kept as written).
    private static string Unescape(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal)) return raw;
        var sb = new StringBuilder(raw.Length);
        for (var k = 0; k < raw.Length; k++)
        {
            if (raw[k] != '\\' || k + 1 >= raw.Length)
            {
                sb.Append(raw[k]);
                continue;
            }
            var next = raw[++k];
            if (next == 'u' && k + 4 < raw.Length && int.TryParse(raw.AsSpan(k + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                sb.Append((char)unit);
                k += 4;
            }
            else sb.Append(next);
        }
        return sb.ToString();
    }
}
