using System.Globalization;

namespace NitroConformance.Protocol.Json;

/// <summary>Formats IEEE-754 doubles the way JavaScript's Number#toString and Go's encoding/json do.</summary>
internal static class NumberText
{
    private const long MaxSafeInteger = 9007199254740991; // 2^53 - 1

    /// <summary>Text for a number literal taken from parsed JSON: exact for safe integers, else via double as JS/Go would.</summary>
    public static string FromLiteral(string literal, JsonFlavor flavor)
    {
        if (IsIntegerLiteral(literal) && long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            && l >= -MaxSafeInteger && l <= MaxSafeInteger)
            return l.ToString(CultureInfo.InvariantCulture);
        var d = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Format(d, flavor);
    }

    /// <summary>Shortest round-trip text of <paramref name="value"/>; non-finite values become <c>null</c> (JSON.stringify does so; Go refuses them).</summary>
    public static string Format(double value, JsonFlavor flavor)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "null";
        if (value == 0) return "0"; // also -0: JS prints "0"; Go prints "-0" but never sees it from the server's data
        var negative = value < 0;
        var (digits, pointPos) = ShortestDigits(Math.Abs(value));
        var body = flavor == JsonFlavor.JavaScript ? JsLayout(digits, pointPos) : GoLayout(Math.Abs(value), digits, pointPos);
        return negative ? "-" + body : body;
    }

    // digits d1..dk and n such that value = 0.d1..dk × 10^n (ECMAScript Number::toString notation).
    private static (string Digits, int PointPos) ShortestDigits(double positive)
    {
        // "R" is shortest round-trip on .NET Core 3.0+; use it and normalise to mantissa/exponent.
        var r = positive.ToString("R", CultureInfo.InvariantCulture);
        var exp = 0;
        var ePos = r.IndexOfAny(['E', 'e']);
        var mantissa = r;
        if (ePos >= 0)
        {
            exp = int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..ePos];
        }
        var dot = mantissa.IndexOf('.');
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var pointPos = intPart.Length + exp;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') { lead++; pointPos--; }
        all = all[lead..].TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (all, pointPos);
    }

    private static string JsLayout(string s, int n)
    {
        var k = s.Length;
        if (k <= n && n <= 21) return s + new string('0', n - k);
        if (0 < n && n <= 21) return s[..n] + "." + s[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + s;
        var e = n - 1;
        var mant = k == 1 ? s : s[0] + "." + s[1..];
        return mant + "e" + (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
    }

    private static string GoLayout(double abs, string s, int n)
    {
        var k = s.Length;
        if (abs >= 1e-6 && abs < 1e21)
        {
            if (n >= k) return s + new string('0', n - k);
            if (n > 0) return s[..n] + "." + s[n..];
            return "0." + new string('0', -n) + s;
        }
        var e = n - 1;
        var mant = k == 1 ? s : s[0] + "." + s[1..];
        var expDigits = Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        // strconv writes at least two exponent digits; encoding/json then trims "e-07" to "e-7".
        if (expDigits.Length < 2 && e >= 0) expDigits = "0" + expDigits;
        return mant + "e" + (e >= 0 ? "+" : "-") + expDigits;
    }

    private static bool IsIntegerLiteral(string literal)
    {
        var start = literal.StartsWith('-') ? 1 : 0;
        if (start == literal.Length) return false;
        for (var i = start; i < literal.Length; i++)
            if (!char.IsAsciiDigit(literal[i])) return false;
        return true;
    }
}
