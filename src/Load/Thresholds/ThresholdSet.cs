using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Thresholds;

/// <summary>The thresholds of a profile: checked against the declared metrics before a run, evaluated after it, and the k6-style exit code.</summary>
public static class ThresholdSet
{
    /// <summary>Exit code when any threshold fails (as k6).</summary>
    public const int FailedExitCode = 99;

    /// <summary>Run-wide statistics every run has, beside the declared counters.</summary>
    public static IReadOnlyList<string> RunStats { get; } = ["fail_rate", "throughput"];

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (exit 2, before anything starts) for a threshold naming a metric or counter that is
    /// not declared, listing the known ones; <paramref name="extraStats"/> are further run-wide statistics (e.g. capacity).
    /// </summary>
    public static void CheckKnown(IEnumerable<Threshold> thresholds, IReadOnlyList<MetricDeclaration> declared, params string[] extraStats)
    {
        var latencies = declared.Where(d => d.Kind == MetricKind.Latency).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var counters = declared.Where(d => d.Kind == MetricKind.Counter).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var stats = RunStats.Concat(extraStats).ToList();
        foreach (var t in thresholds)
        {
            var (kind, name) = t.Metric is { } m ? (latencies.Contains(m) ? null : "metric", m) : (counters.Contains(t.Stat) || stats.Contains(t.Stat) ? null : "counter or statistic", t.Stat);
            if (kind is null) continue;
            throw new ArgumentException(
                $"threshold '{t.Expression}': unknown {kind} '{name}' (metrics: {string.Join(", ", latencies.Order(StringComparer.Ordinal))}; " +
                $"counters: {string.Join(", ", counters.Order(StringComparer.Ordinal))}; statistics: {string.Join(", ", stats)})");
        }
    }

    /// <summary>0 when all pass (or none), <see cref="FailedExitCode"/> otherwise.</summary>
    public static int ExitCode(IEnumerable<ThresholdOutcome> outcomes) => outcomes.All(o => o.Passed) ? 0 : FailedExitCode;
}
