using System.Globalization;

namespace NitroConformance.Fixtures.State;

/// <summary>Time formats the Go node writes.</summary>
public static class GoTime
{
    /// <summary>Go <c>time.RFC3339</c> in UTC: seconds, "Z".</summary>
    public static string Rfc3339(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// How a <c>time.Time</c> read back from Postgres marshals: RFC 3339 with the (microsecond) fraction,
    /// trailing zeros trimmed, UTC "Z".
    /// </summary>
    public static string Rfc3339Nano(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var micros = utc.Ticks / 10 % 1_000_000;
        var head = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (micros == 0) return head + "Z";
        return head + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    /// <summary>
    /// How a <c>time.Time</c> taken from the clock (never stored) marshals: RFC 3339 with the nanosecond fraction
    /// (this clock's 100 ns ticks), trailing zeros trimmed, "Z" (the Go node's local zone is taken to be UTC).
    /// </summary>
    public static string Rfc3339NanoInMemory(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var nanos = utc.Ticks % TimeSpan.TicksPerSecond * 100;
        var head = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (nanos == 0) return head + "Z";
        return head + "." + nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    /// <summary>Truncates to the microsecond, as Postgres stores timestamps.</summary>
    public static DateTimeOffset ToStorage(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
