using System.Globalization;

namespace NitroConformance.Fixtures.Params;

/// <summary>Decimal parsing and printing in the forms the Go node's decimal library accepts and emits.</summary>
public static class DecimalText
{
    /// <summary>Parses "100", "-0.5", "1e2", ".5"; rejects "" and anything else.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Trim() != text) return false;
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Canonical text: no trailing zeros, no exponent ("100", "0.5", "-50", "0").</summary>
    public static string Format(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
