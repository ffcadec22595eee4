using NitroConformance.Load.Metrics;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Reports;

/// <summary>Merges the reports of several runs (normally the shards of one run) into one report.</summary>
public static class RunMerger
{
    /// <summary>
    /// Histograms, counters and error kinds are summed exactly. Series points are aligned by elapsed second:
    /// counts and rates add up, percentiles take the worst shard (raw per-interval histograms are not kept).
    /// </summary>
    public static RunReport Merge(IReadOnlyList<RunReport> runs, string runId, IEnumerable<Threshold> thresholds)
    {
        if (runs.Count == 0) throw new ArgumentException("merge: at least one report is required");
        var scenarios = runs.Select(r => r.Scenario).Distinct().ToList();
        if (scenarios.Count != 1) throw new ArgumentException($"merge: reports are of different scenarios ({string.Join(", ", scenarios)})");
        var measured = runs.Max(r => r.MeasuredSeconds);
        var metrics = runs.SelectMany(r => r.Metrics).GroupBy(m => m.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var h = new LatencyHistogram();
            var errors = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var m in g)
            {
                h.Add(LatencyHistogram.FromSnapshot(m.Histogram));
                foreach (var (k, v) in m.ErrorKinds) errors[k] = errors.GetValueOrDefault(k) + v;
            }
            return MetricReport.From(g.Key, h, errors, measured);
        }).ToList();
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (k, v) in runs.SelectMany(r => r.Counters)) counters[k] = counters.GetValueOrDefault(k) + v;
        var series = runs.SelectMany(r => r.Series).GroupBy(kv => kv.Key).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<IntervalPoint>)g.SelectMany(kv => kv.Value).GroupBy(p => p.ElapsedSeconds).OrderBy(pg => pg.Key)
                .Select(pg => new IntervalPoint(pg.Key, pg.Sum(p => p.Count), pg.Sum(p => p.Errors), pg.Sum(p => p.Rate),
                    pg.Max(p => p.P50), pg.Max(p => p.P90), pg.Max(p => p.P99), pg.Max(p => p.P999), pg.Max(p => p.Max))).ToList(),
            StringComparer.Ordinal);
        var positions = runs.Max(r => r.FanOut.Count);
        var fanout = Enumerable.Range(0, positions).Select(i =>
        {
            var h = new LatencyHistogram();
            foreach (var r in runs.Where(r => r.FanOut.Count > i)) h.Add(LatencyHistogram.FromSnapshot(r.FanOut[i]));
            return h.ToSnapshot();
        }).ToList();
        var notes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in runs.SelectMany(r => r.Notes)) notes.TryAdd(k, v);
        notes["merged_from"] = string.Join(", ", runs.Select(r => r.RunId));
        notes["merged_series"] = "per-second series: counts and rates summed, percentiles are the worst shard's";
        var first = runs[0];
        var merged = first with
        {
            RunId = runId,
            StartedUtc = runs.Min(r => r.StartedUtc),
            MeasuredSeconds = measured,
            Shards = runs.SelectMany(r => r.Shards).Distinct().ToList(),
            Target = string.Join(", ", runs.Select(r => r.Target).Distinct()),
            Signing = string.Join(" | ", runs.Select(r => r.Signing).Distinct()),
            Counters = counters,
            Metrics = metrics,
            Series = series,
            FanOut = fanout,
            Notes = notes,
            Thresholds = [],
        };
        return merged with { Thresholds = ReportThresholds.Evaluate(thresholds, merged) };
    }
}
