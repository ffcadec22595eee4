using System.Globalization;

namespace NitroConformance.Fixtures.Params;

/// <summary>
/// The node's one decimal grammar: the Go node's decimal library (shopspring/decimal v1.4.0 <c>NewFromString</c>, behind
/// every decimal param and rpc_router_auth.go ~l.283): an optional exponent after the first <c>e</c>/<c>E</c> (a 32-bit
/// integer with optional sign), at most one <c>.</c>, and digits with an optional leading sign; its error texts; and its
/// canonical text form. Written from that library's documented behaviour; the library itself is not part of the Go
/// node's source tree.
/// </summary>
public static class GoDecimal
{
    private enum IntResult
    {
        Ok,
        Syntax,
        Range,
    }

    /// <summary>
    /// Parses <paramref name="text"/>; returns null and the value, or the library's error text (e.g.
    /// <c>can't convert 1.2.3 to decimal: too many .s</c>). Values beyond C# <c>decimal</c> are clamped to its range
    /// (and tiny ones read as 0), which no amount this node handles can tell apart.
    /// </summary>
    public static string? Parse(string text, out decimal value) => Parse(text, out value, out _);

    /// <summary>True when <paramref name="text"/> parses; <paramref name="value"/> clamped as in <see cref="Parse(string, out decimal)"/>.</summary>
    public static bool TryParse(string text, out decimal value) => Parse(text, out value, out _) is null;

    /// <summary>
    /// True when <paramref name="text"/> parses to a value C# <c>decimal</c> holds (tiny values read as 0); what the
    /// default profile accepts wherever it reads an amount.
    /// </summary>
    public static bool TryParseInRange(string text, out decimal value) => Parse(text, out value, out var inRange) is null && inRange;

    /// <summary>The library's <c>String()</c>: no exponent, no trailing zeros, "-" for negatives, "0" for zero.</summary>
    public static string Format(decimal value) =>
        value == 0m ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string? Parse(string text, out decimal value, out bool inRange)
    {
        value = 0m;
        inRange = true;
        var mantissa = text;
        long exponent = 0;
        var e = text.AsSpan().IndexOfAny('e', 'E');
        if (e >= 0)
        {
            switch (ParseGoInt(text.AsSpan(e + 1), int.MinValue, int.MaxValue, out exponent))
            {
                case IntResult.Range:
                    return $"can't convert {text} to decimal: fractional part too long";
                case IntResult.Syntax:
                    return $"can't convert {text} to decimal: exponent is not numeric";
            }
            mantissa = text[..e];
        }

        var point = mantissa.IndexOf('.');
        if (point >= 0 && mantissa.IndexOf('.', point + 1) >= 0) return $"can't convert {mantissa} to decimal: too many .s";
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        if (point >= 0) exponent -= mantissa.Length - point - 1;

        // Both of the library's integer paths (int64 for up to 18 characters, big.Int beyond) take [+-]?[0-9]+.
        if (!IsSignedDigits(digits)) return $"can't convert {mantissa} to decimal";
        if (exponent is < int.MinValue or > int.MaxValue) return $"can't convert {text} to decimal: fractional part too long";

        value = ToDecimal(digits, exponent, out inRange);
        return null;
    }

    // Go's strconv.ParseInt(s, 10, 32): sign, then digits; the first bad character or overflow decides the error.
    private static IntResult ParseGoInt(ReadOnlySpan<char> s, long min, long max, out long value)
    {
        value = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0) return IntResult.Syntax;
        // ParseUint with the same bit size bounds the magnitude at 2^32 - 1 while scanning.
        const ulong magnitudeLimit = uint.MaxValue;
        ulong magnitude = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return IntResult.Syntax;
            magnitude = magnitude * 10 + (ulong)(c - '0');
            if (magnitude > magnitudeLimit) return IntResult.Range;
        }
        var signed = negative ? -(long)magnitude : (long)magnitude;
        if (signed < min || signed > max) return IntResult.Range;
        value = signed;
        return IntResult.Ok;
    }

    private static bool IsSignedDigits(string s)
    {
        var start = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (start == s.Length) return false;
        for (var i = start; i < s.Length; i++)
            if (s[i] is < '0' or > '9') return false;
        return true;
    }

    private static decimal ToDecimal(string digits, long exponent, out bool inRange)
    {
        inRange = true;
        var text = digits + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        var significant = digits.TrimStart('+', '-').TrimStart('0');
        if (significant.Length == 0) return 0m;
        // Only magnitudes beyond decimal's range fail to parse (tiny ones round to 0).
        inRange = false;
        return digits[0] == '-' ? decimal.MinValue : decimal.MaxValue;
    }
}
