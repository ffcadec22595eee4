using System.Globalization;
using System.Text;
using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Reports;

/// <summary>Per-metric deltas between a baseline run and a candidate run.</summary>
public static class RunComparison
{
    /// <summary>One compared quantity.</summary>
    public sealed record Delta(string Metric, string Stat, double Baseline, double Candidate, bool IsLatency)
    {
        /// <summary>Relative change in percent (NaN when the baseline is 0).</summary>
        public double ChangePercent => Baseline == 0 ? double.NaN : (Candidate - Baseline) / Baseline * 100;
    }

    /// <summary>Deltas for throughput, fail rate, and count/rate/p50/p90/p99/p99.9/max of every metric present in both runs.</summary>
    public static IReadOnlyList<Delta> Compare(RunReport baseline, RunReport candidate)
    {
        var list = new List<Delta>
        {
            new("(run)", "throughput/s", baseline.Throughput, candidate.Throughput, false),
            new("(run)", "fail_rate_%", baseline.FailRate * 100, candidate.FailRate * 100, false),
        };
        foreach (var (k, v) in baseline.Counters)
            if (candidate.Counters.TryGetValue(k, out var c)) list.Add(new("(counter)", k, v, c, false));
        foreach (var b in baseline.Metrics)
        {
            var c = candidate.Metric(b.Name);
            if (c is null) continue;
            list.Add(new(b.Name, "count", b.Count, c.Count, false));
            list.Add(new(b.Name, "rate/s", b.Rate, c.Rate, false));
            list.Add(new(b.Name, "p50", b.P50, c.P50, true));
            list.Add(new(b.Name, "p90", b.P90, c.P90, true));
            list.Add(new(b.Name, "p99", b.P99, c.P99, true));
            list.Add(new(b.Name, "p99.9", b.P999, c.P999, true));
            list.Add(new(b.Name, "max", b.Max, c.Max, true));
        }
        return list;
    }

    /// <summary>Markdown table of the deltas.</summary>
    public static string Markdown(RunReport baseline, RunReport candidate)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"# Compare `{baseline.RunId}` (baseline) → `{candidate.RunId}`\n\n| metric | stat | baseline | candidate | change |\n|---|---|---:|---:|---:|\n");
        foreach (var d in Compare(baseline, candidate))
        {
            string F(double v) => d.IsLatency ? Durations.Micros(v) : v.ToString("0.##", inv);
            var change = double.IsNaN(d.ChangePercent) ? "n/a" : d.ChangePercent.ToString("+0.0;-0.0;0.0", inv) + "%";
            sb.Append(inv, $"| {d.Metric} | {d.Stat} | {F(d.Baseline)} | {F(d.Candidate)} | {change} |\n");
        }
        return sb.ToString();
    }
}
