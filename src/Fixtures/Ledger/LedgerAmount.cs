using System.Globalization;
using System.Text.RegularExpressions;

namespace NitroConformance.Fixtures.Ledger;

/// <summary>Decimal amounts as the Go node handles them: exact in the handler, 18 fractional digits in storage, canonical text.</summary>
public static partial class LedgerAmount
{
    /// <summary>Fractional digits kept by the Postgres DECIMAL(64,18) columns.</summary>
    public const int StorageScale = 18;

    /// <summary>Rounds a value the way Postgres stores it in a DECIMAL(64,18) column (half away from zero).</summary>
    public static decimal ToStorage(decimal value) =>
        Math.Round(value, StorageScale, MidpointRounding.AwayFromZero);

    /// <summary>Formats like shopspring/decimal's String(): no exponent, no trailing zeros, "-" for negatives.</summary>
    public static string Format(decimal value)
    {
        if (value == 0m) return "0";
        return value.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses decimal text as the Go decimal library accepts it ("100", "-0.5", ".5", "1e2"); false otherwise.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0m;
        if (!DecimalText().IsMatch(text)) return false;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex DecimalText();
}
