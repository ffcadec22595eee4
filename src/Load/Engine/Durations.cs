using System.Globalization;
using System.Text.RegularExpressions;

namespace NitroConformance.Load.Engine;

/// <summary>Parses and prints durations written as <c>250ms</c>, <c>20s</c>, <c>2m</c>, <c>1h</c>, <c>500us</c>.</summary>
public static partial class Durations
{
    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>us|µs|ms|s|m|h)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses a duration; throws <see cref="FormatException"/> naming <paramref name="field"/> on bad input.</summary>
    public static TimeSpan Parse(string text, string field)
    {
        var m = Pattern().Match(text ?? "");
        if (!m.Success)
            throw new FormatException($"{field}: '{text}' is not a duration (use e.g. 500ms, 20s, 2m)");
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        return m.Groups["u"].Value switch
        {
            "us" or "µs" => TimeSpan.FromTicks((long)(n * 10)),
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromHours(n),
        };
    }

    /// <summary>Short form, e.g. <c>20s</c> or <c>1.5s</c> or <c>250ms</c>.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s"
        : $"{t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";

    /// <summary>Formats a latency in microseconds for humans (µs, ms or s).</summary>
    public static string Micros(double us) =>
        us < 1000 ? $"{us.ToString("0", CultureInfo.InvariantCulture)}µs"
        : us < 1_000_000 ? $"{(us / 1000).ToString("0.###", CultureInfo.InvariantCulture)}ms"
        : $"{(us / 1_000_000).ToString("0.###", CultureInfo.InvariantCulture)}s";
}
