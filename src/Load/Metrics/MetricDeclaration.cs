namespace NitroConformance.Load.Metrics;

/// <summary>What a metric holds: a latency histogram (with error kinds) or a plain counter.</summary>
public enum MetricKind
{
    /// <summary>Latency samples and errors by kind; thresholds take percentiles, rate, fail_rate….</summary>
    Latency,
    /// <summary>A count; thresholds compare its value.</summary>
    Counter,
}

/// <summary>A metric a workload (or the engine) declares before the run, as k6 declares its built-in metrics with a type.</summary>
public sealed record MetricDeclaration(string Name, MetricKind Kind)
{
    /// <summary>A latency metric named <paramref name="name"/>.</summary>
    public static MetricDeclaration Latency(string name) => new(name, MetricKind.Latency);

    /// <summary>A counter named <paramref name="name"/>.</summary>
    public static MetricDeclaration Counter(string name) => new(name, MetricKind.Counter);
}
