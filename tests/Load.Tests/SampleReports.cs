using NitroConformance.Load.Metrics;
using NitroConformance.Load.Reports;

namespace NitroConformance.Load.Tests;

/// <summary>Builds reports with known numbers for threshold, writer and merge tests.</summary>
internal static class SampleReports
{
    /// <summary>A broadcast-shaped report: 'broadcast' samples 2, 4, … 2000 µs (exact histogram range), 10 timeouts, 3 positions, 10 s measured.</summary>
    public static RunReport Broadcast(string runId = "sample", long offsetMicros = 0, string? shard = null)
    {
        var h = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++) h.Record(i * 2 + offsetMicros);
        var submit = new LatencyHistogram();
        for (var i = 0; i < 100; i++) submit.Record(2_000 + offsetMicros);
        var positions = Enumerable.Range(0, 3).Select(p =>
        {
            var ph = new LatencyHistogram();
            for (var i = 0; i < 10; i++) ph.Record((p + 1) * 1000 + i);
            return ph.ToSnapshot();
        }).ToList();
        return new RunReport
        {
            RunId = runId,
            Scenario = "broadcast",
            Profile = "test",
            Target = "embedded",
            StartedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            MeasuredSeconds = 10,
            WarmUpSeconds = 1,
            Signing = "pre-signed",
            Load = ["inject 10/1s for 10s"],
            Shards = shard is null ? [] : [shard],
            Environment = new Dictionary<string, string> { ["cores"] = "2" },
            Headline = "broadcast",
            Counters = new Dictionary<string, long> { ["dropped_iterations"] = 0, ["misdelivered"] = 2, ["iterations"] = 100 },
            Metrics =
            [
                MetricReport.From("broadcast", h, new Dictionary<string, long> { ["timeout"] = 10 }, 10),
                MetricReport.From("broadcast.submit", submit, new Dictionary<string, long>(), 10),
            ],
            Series = new Dictionary<string, IReadOnlyList<IntervalPoint>>
            {
                ["broadcast"] = Enumerable.Range(1, 10).Select(s => new IntervalPoint(s, 100, 1, 100, 500_000, 900_000, 990_000, 999_000, 1_000_000)).ToList(),
            },
            FanOut = positions,
        };
    }
}
