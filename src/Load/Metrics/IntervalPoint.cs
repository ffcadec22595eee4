using System.Text.Json.Serialization;

namespace NitroConformance.Load.Metrics;

/// <summary>One per-interval (normally one second) time-series point of a metric.</summary>
public sealed record IntervalPoint(
    [property: JsonPropertyName("t_s")] double ElapsedSeconds,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("rate_per_s")] double Rate,
    [property: JsonPropertyName("p50_us")] long P50,
    [property: JsonPropertyName("p90_us")] long P90,
    [property: JsonPropertyName("p99_us")] long P99,
    [property: JsonPropertyName("p999_us")] long P999,
    [property: JsonPropertyName("max_us")] long Max)
{
    /// <summary>Summarises one interval histogram.</summary>
    public static IntervalPoint From(double elapsedSeconds, double intervalSeconds, LatencyHistogram h, long errors) => new(
        Math.Round(elapsedSeconds, 3), h.TotalCount, errors,
        intervalSeconds <= 0 ? 0 : Math.Round(h.TotalCount / intervalSeconds, 2),
        h.ValueAtPercentile(50), h.ValueAtPercentile(90), h.ValueAtPercentile(99), h.ValueAtPercentile(99.9), h.Max);
}
