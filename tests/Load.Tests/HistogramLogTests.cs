using HdrHistogram;
using NitroConformance.Load.Metrics;
using NitroConformance.Load.Reports;

namespace NitroConformance.Load.Tests;

/// <summary>histograms.hlog, read back with HdrHistogram's own reader, holds exactly our buckets per metric.</summary>
public class HistogramLogTests
{
    [Test]
    public void Every_metric_reads_back_from_the_hlog_with_every_bucket_equal()
    {
        // Values over the whole range, 0 µs to past the 60 s clamp, log-uniform so every bucket magnitude is hit.
        var wide = new LatencyHistogram();
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++) wide.Record((long)Math.Exp(random.NextDouble() * Math.Log(90_000_000)) - 1);
        var sample = SampleReports.Broadcast();
        var report = sample with { Metrics = [.. sample.Metrics, MetricReport.From("wide range, µs", wide, new Dictionary<string, long>(), 10)] };
        var dir = Path.Combine(Path.GetTempPath(), "nitro-hlog-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(report, dir);
            using var file = File.OpenRead(Path.Combine(dir, HistogramLog.FileName));
            using var reader = new HistogramLogReader(file);
            var intervals = reader.ReadHistograms().ToList();

            Assert.That(intervals.Select(h => h.Tag), Is.EqualTo(new[] { "broadcast", "broadcast.submit", "wide_range__µs" }));
            var start = report.StartedUtc.AddSeconds(report.WarmUpSeconds).ToUnixTimeMilliseconds();
            foreach (var (metric, interval) in report.Metrics.Zip(intervals))
            {
                var ours = LatencyHistogram.FromSnapshot(metric.Histogram).NonZeroBuckets().ToList();
                var theirs = interval.RecordedValues()
                    .Select(v => (interval.LowestEquivalentValue(v.ValueIteratedTo), v.CountAtValueIteratedTo)).ToList();
                Assert.That(theirs, Is.EqualTo(ours), metric.Name);
                Assert.That((interval.TotalCount, interval.StartTimeStamp, interval.EndTimeStamp), Is.EqualTo((metric.Count, start, start + 10_000)), metric.Name);
            }
            Assert.That(report.Metrics[2].Histogram.Buckets, Has.Count.GreaterThan(5_000), "the wide metric spans many buckets");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
