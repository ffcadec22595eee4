using System.Text.Json.Serialization;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Capacity;

/// <summary>One step of a capacity search: the rate offered, what the target achieved, and whether the SLO held.</summary>
public sealed record CapacityStep(
    [property: JsonPropertyName("offered_per_s")] double Offered,
    [property: JsonPropertyName("achieved_per_s")] double Achieved,
    [property: JsonPropertyName("held")] bool Held,
    [property: JsonPropertyName("p50_us")] long P50,
    [property: JsonPropertyName("p99_us")] long P99,
    [property: JsonPropertyName("fail_rate")] double FailRate,
    [property: JsonPropertyName("dropped_iterations")] long Dropped,
    [property: JsonPropertyName("slo")] IReadOnlyList<ThresholdOutcome> Slo,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("load_average_1m")] double? LoadAverage = null,
    [property: JsonPropertyName("cpu_ms_per_iteration")] double? CpuMsPerIteration = null);

/// <summary>Result of a capacity search: every step, the highest rate that held (the knee) with its percentiles, and the gates.</summary>
public sealed record CapacityReport
{
    /// <summary>Format tag.</summary>
    [JsonPropertyName("format")] public string Format { get; init; } = "nitro-load-capacity/1";
    /// <summary>Run directory name.</summary>
    [JsonPropertyName("run_id")] public required string RunId { get; init; }
    /// <summary>Workload.</summary>
    [JsonPropertyName("scenario")] public required string Scenario { get; init; }
    /// <summary>Profile file or "default".</summary>
    [JsonPropertyName("profile")] public required string Profile { get; init; }
    /// <summary>Target description.</summary>
    [JsonPropertyName("target")] public required string Target { get; init; }
    /// <summary>Start time, UTC.</summary>
    [JsonPropertyName("started_utc")] public required DateTimeOffset StartedUtc { get; init; }
    /// <summary>Wall time of the whole search.</summary>
    [JsonPropertyName("total_s")] public required double TotalSeconds { get; init; }
    /// <summary>Metric whose percentiles the steps show.</summary>
    [JsonPropertyName("headline")] public required string Headline { get; init; }
    /// <summary>The search bounds, as given.</summary>
    [JsonPropertyName("search")] public required CapacitySearchOptions Search { get; init; }
    /// <summary>The SLO every step is judged by (the profile's run thresholds).</summary>
    [JsonPropertyName("slo")] public required IReadOnlyList<string> Slo { get; init; }
    /// <summary>Steps in the order they ran.</summary>
    [JsonPropertyName("steps")] public required IReadOnlyList<CapacityStep> Steps { get; init; }
    /// <summary>Highest offered rate that held, or null when none did.</summary>
    [JsonPropertyName("capacity_per_s")] public double? Capacity { get; init; }
    /// <summary>Lowest offered rate that broke, or null when none did.</summary>
    [JsonPropertyName("first_bad_per_s")] public double? FirstBad { get; init; }
    /// <summary>Why the search ended.</summary>
    [JsonPropertyName("stop_reason")] public required string StopReason { get; init; }
    /// <summary>Machine facts.</summary>
    [JsonPropertyName("environment")] public required IReadOnlyDictionary<string, string> Environment { get; init; }
    /// <summary>Outcomes of the gates on the result (<c>capacity &gt; N/s</c>).</summary>
    [JsonPropertyName("thresholds")] public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];

    /// <summary>The step at the capacity (its percentiles are the result's), or null.</summary>
    [JsonIgnore] public CapacityStep? Knee => Capacity is { } c ? Steps.LastOrDefault(s => s.Held && s.Offered == c) : null;
}
