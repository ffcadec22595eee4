using System.Text.Json.Serialization;
using NitroConformance.Load.Metrics;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Reports;

/// <summary>Everything a run measured; the JSON report is this record, and compare/merge read it back.</summary>
public sealed record RunReport
{
    /// <summary>Format tag checked on load.</summary>
    public const string FormatTag = "nitro-load-report/1";

    /// <summary>Format tag.</summary>
    [JsonPropertyName("format")] public string Format { get; init; } = FormatTag;
    /// <summary>Run directory name.</summary>
    [JsonPropertyName("run_id")] public required string RunId { get; init; }
    /// <summary>Scenario name.</summary>
    [JsonPropertyName("scenario")] public required string Scenario { get; init; }
    /// <summary>Profile file or "default".</summary>
    [JsonPropertyName("profile")] public required string Profile { get; init; }
    /// <summary>Target URL or "embedded".</summary>
    [JsonPropertyName("target")] public required string Target { get; init; }
    /// <summary>Start time, UTC.</summary>
    [JsonPropertyName("started_utc")] public required DateTimeOffset StartedUtc { get; init; }
    /// <summary>Seconds of measured (post warm-up) time.</summary>
    [JsonPropertyName("measured_s")] public required double MeasuredSeconds { get; init; }
    /// <summary>Warm-up seconds excluded from stats.</summary>
    [JsonPropertyName("warmup_s")] public double WarmUpSeconds { get; init; }
    /// <summary>How signing was kept out of latency samples.</summary>
    [JsonPropertyName("signing")] public required string Signing { get; init; }
    /// <summary>Load model, one entry per stage.</summary>
    [JsonPropertyName("load")] public required IReadOnlyList<string> Load { get; init; }
    /// <summary>Shard "i/N" when this run is one shard; merged reports list all shards.</summary>
    [JsonPropertyName("shards")] public IReadOnlyList<string> Shards { get; init; } = [];
    /// <summary>Machine facts.</summary>
    [JsonPropertyName("environment")] public required IReadOnlyDictionary<string, string> Environment { get; init; }
    /// <summary>Metric behind <c>throughput</c>.</summary>
    [JsonPropertyName("headline")] public required string Headline { get; init; }
    /// <summary>Run counters (iterations, dropped, late, timeouts, misdelivered…).</summary>
    [JsonPropertyName("counters")] public required IReadOnlyDictionary<string, long> Counters { get; init; }
    /// <summary>Per-metric statistics with raw histograms.</summary>
    [JsonPropertyName("metrics")] public required IReadOnlyList<MetricReport> Metrics { get; init; }
    /// <summary>Per-interval series per metric.</summary>
    [JsonPropertyName("series")] public required IReadOnlyDictionary<string, IReadOnlyList<IntervalPoint>> Series { get; init; }
    /// <summary>Broadcast: latency histogram per recipient position (definition order), else empty.</summary>
    [JsonPropertyName("fanout")] public IReadOnlyList<HistogramSnapshot> FanOut { get; init; } = [];
    /// <summary>Threshold outcomes.</summary>
    [JsonPropertyName("thresholds")] public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];
    /// <summary>Free-form notes (scenario parameters, merge caveats).</summary>
    [JsonPropertyName("notes")] public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public MetricReport? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>Errors over samples+errors across every metric.</summary>
    [JsonIgnore] public double FailRate
    {
        get
        {
            var errors = Metrics.Sum(m => m.Errors);
            var total = errors + Metrics.Sum(m => m.Count);
            return total == 0 ? 0 : (double)errors / total;
        }
    }

    /// <summary>Successful headline samples per measured second.</summary>
    [JsonIgnore] public double Throughput => MeasuredSeconds <= 0 ? 0 : (Metric(Headline)?.Count ?? 0) / MeasuredSeconds;
}

/// <summary>Statistics of one metric; latencies in microseconds.</summary>
public sealed record MetricReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("error_kinds")] IReadOnlyDictionary<string, long> ErrorKinds,
    [property: JsonPropertyName("rate_per_s")] double Rate,
    [property: JsonPropertyName("mean_us")] double Mean,
    [property: JsonPropertyName("min_us")] long Min,
    [property: JsonPropertyName("p50_us")] long P50,
    [property: JsonPropertyName("p75_us")] long P75,
    [property: JsonPropertyName("p90_us")] long P90,
    [property: JsonPropertyName("p95_us")] long P95,
    [property: JsonPropertyName("p99_us")] long P99,
    [property: JsonPropertyName("p999_us")] long P999,
    [property: JsonPropertyName("max_us")] long Max,
    [property: JsonPropertyName("histogram")] HistogramSnapshot Histogram)
{
    /// <summary>Builds the statistics of a histogram.</summary>
    public static MetricReport From(string name, LatencyHistogram h, IReadOnlyDictionary<string, long> errors, double measuredSeconds) => new(
        name, h.TotalCount, errors.Values.Sum(), new SortedDictionary<string, long>(errors.ToDictionary(), StringComparer.Ordinal),
        measuredSeconds <= 0 ? 0 : Math.Round(h.TotalCount / measuredSeconds, 2), Math.Round(h.Mean, 1), h.Min,
        h.ValueAtPercentile(50), h.ValueAtPercentile(75), h.ValueAtPercentile(90), h.ValueAtPercentile(95),
        h.ValueAtPercentile(99), h.ValueAtPercentile(99.9), h.Max, h.ToSnapshot());

    /// <summary>Errors over samples+errors.</summary>
    [JsonIgnore] public double FailRate => Count + Errors == 0 ? 0 : (double)Errors / (Count + Errors);

    /// <summary>Value at any percentile, from the raw histogram.</summary>
    public long Percentile(double p) => LatencyHistogram.FromSnapshot(Histogram).ValueAtPercentile(p);
}
