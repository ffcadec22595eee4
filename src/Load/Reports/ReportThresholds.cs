using System.Globalization;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Reports;

/// <summary>Evaluates thresholds against a run report: reads the statistic each names from the report, so that
/// <c>Thresholds</c> knows nothing of reports (reports depend on thresholds, not the other way).</summary>
public static class ReportThresholds
{
    /// <summary>Every threshold evaluated against <paramref name="report"/>; an unknown metric fails with a message rather than passing silently.</summary>
    public static IReadOnlyList<ThresholdOutcome> Evaluate(IEnumerable<Threshold> thresholds, RunReport report) =>
        thresholds.Select(t => t.Evaluate(Actual(t, report))).ToList();

    private static double? Actual(Threshold t, RunReport r)
    {
        if (t.Metric is null)
        {
            return t.Stat switch
            {
                "fail_rate" => r.FailRate,
                "throughput" => r.Throughput,
                _ => r.Counters.TryGetValue(t.Stat, out var c) ? c : null,
            };
        }
        var m = r.Metric(t.Metric);
        if (m is null) return null;
        return t.Stat switch
        {
            "mean" => m.Mean,
            "min" => m.Min,
            "max" => m.Max,
            "count" => m.Count,
            "errors" => m.Errors,
            "fail_rate" => m.FailRate,
            "rate" => m.Rate,
            "p999" => m.P999,
            _ => m.Percentile(double.Parse(t.Stat[1..], CultureInfo.InvariantCulture)),
        };
    }
}
