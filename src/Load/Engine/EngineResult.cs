using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>What an engine run produced.</summary>
public sealed record EngineResult(
    MetricRegistry Metrics,
    DateTimeOffset StartedUtc,
    double MeasuredSeconds,
    long IterationsStarted,
    long IterationsCompleted,
    bool HitTimeBound);
