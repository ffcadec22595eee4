using System.Text.Json.Serialization;

namespace NitroConformance.Load.Metrics;

/// <summary>JSON form of a <see cref="LatencyHistogram"/>: sparse [value_us, count] buckets plus summary fields.</summary>
public sealed record HistogramSnapshot(
    [property: JsonPropertyName("layout")] string Layout,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("min_us")] long Min,
    [property: JsonPropertyName("max_us")] long Max,
    [property: JsonPropertyName("mean_us")] double Mean,
    [property: JsonPropertyName("clamped")] long Clamped,
    [property: JsonPropertyName("buckets")] IReadOnlyList<long[]> Buckets);
