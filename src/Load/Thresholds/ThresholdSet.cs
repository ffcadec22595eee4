using NitroConformance.Load.Reports;

namespace NitroConformance.Load.Thresholds;

/// <summary>The thresholds of a profile and the k6-style exit code they produce.</summary>
public static class ThresholdSet
{
    /// <summary>Exit code when any threshold fails (as k6).</summary>
    public const int FailedExitCode = 99;

    /// <summary>Evaluates every threshold against the report.</summary>
    public static IReadOnlyList<ThresholdOutcome> Evaluate(IEnumerable<Threshold> thresholds, RunReport report) =>
        thresholds.Select(t => t.Evaluate(report)).ToList();

    /// <summary>0 when all pass (or none), <see cref="FailedExitCode"/> otherwise.</summary>
    public static int ExitCode(IEnumerable<ThresholdOutcome> outcomes) => outcomes.All(o => o.Passed) ? 0 : FailedExitCode;
}
