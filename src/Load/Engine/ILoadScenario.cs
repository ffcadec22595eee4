using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>A named workload the engine drives: declare metrics, set up once, run many iterations, clean up.</summary>
public interface ILoadScenario : IAsyncDisposable
{
    /// <summary>Scenario name (also the prefix of its metrics).</summary>
    string Name { get; }

    /// <summary>Metric whose successes define <c>throughput</c> and which the live view shows.</summary>
    string HeadlineMetric { get; }

    /// <summary>How request signing is kept out of latency samples (stated in the report).</summary>
    string SigningMode { get; }

    /// <summary>
    /// Every metric and counter the workload records, known before <see cref="InitAsync"/> (from its options alone), so
    /// that thresholds naming anything else are refused before the run and every declared one is reported, even at zero.
    /// </summary>
    IReadOnlyList<MetricDeclaration> Metrics { get; }

    /// <summary>Opens connections, creates sessions, pre-signs; not measured.</summary>
    Task InitAsync(CancellationToken ct);

    /// <summary>
    /// Called by the engine at the start of every run with that run's zeroed metrics, for workloads that count events
    /// outside an iteration (pushes arriving on their own); the default ignores it.
    /// </summary>
    void BeginRun(MetricRegistry metrics) { }

    /// <summary>Runs one iteration; record samples on <paramref name="ctx"/>. An exception counts as an error on the headline metric.</summary>
    Task RunIterationAsync(IterationContext ctx);

    /// <summary>Extra per-scenario results for the report (e.g. fan-out per recipient position); called after the run.</summary>
    ScenarioExtras Extras();
}

/// <summary>Scenario-specific report data.</summary>
public sealed record ScenarioExtras(IReadOnlyList<HistogramSnapshot>? FanOutByPosition, IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>No extras.</summary>
    public static ScenarioExtras None { get; } = new(null, new Dictionary<string, string>());
}
