using System.Globalization;

namespace NitroConformance.Fixtures.Methods;

/// <summary>Time text as Go's <c>time.Time</c> JSON encoding writes it (RFC 3339, fractional seconds without trailing zeros).</summary>
public static class GoTime
{
    /// <summary>Formats <paramref name="time"/> in UTC, e.g. <c>2025-01-01T00:00:00.5Z</c>.</summary>
    public static string Rfc3339Nano(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + "Z";
    }
}
