using System.Text.Json;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Tests;

public class LatencyHistogramTests
{
    private static long ExactPercentile(long[] sorted, double p)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(Math.Round(p / 100.0 * sorted.Length, 9)));
        return sorted[rank - 1];
    }

    [Test]
    public void Percentiles_are_within_one_part_in_a_thousand_of_exact_values()
    {
        var rng = new Random(12345);
        // Log-uniform latencies from 1 µs to 30 s exercise every bucket magnitude.
        var values = Enumerable.Range(0, 200_000).Select(_ => (long)Math.Exp(rng.NextDouble() * Math.Log(30_000_000))).ToArray();
        var h = new LatencyHistogram();
        foreach (var v in values) h.Record(v);
        Array.Sort(values);
        foreach (var p in new[] { 1.0, 10, 50, 75, 90, 99, 99.9, 99.99 })
        {
            var exact = ExactPercentile(values, p);
            var got = h.ValueAtPercentile(p);
            Assert.That(Math.Abs(got - exact), Is.LessThanOrEqualTo(Math.Max(1, exact / 1000.0)), $"p{p}: exact {exact}, histogram {got}");
        }
        Assert.That(h.TotalCount, Is.EqualTo(200_000));
        Assert.That(h.Min, Is.EqualTo(values[0]));
        Assert.That(h.Max, Is.EqualTo(values[^1]));
        Assert.That(h.Mean, Is.EqualTo(values.Average()).Within(values.Average() / 1000));
    }

    [Test]
    public void Small_values_are_exact()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 2000; v++) h.Record(v);
        Assert.That(h.ValueAtPercentile(50), Is.EqualTo(1000));
        Assert.That(h.ValueAtPercentile(99), Is.EqualTo(1980));
        Assert.That(h.ValueAtPercentile(100), Is.EqualTo(2000));
    }

    [Test]
    public void Values_above_sixty_seconds_are_clamped_and_counted()
    {
        var h = new LatencyHistogram();
        h.Record(90_000_000);
        h.Record(5);
        Assert.That(h.Clamped, Is.EqualTo(1));
        Assert.That(h.Max, Is.EqualTo(LatencyHistogram.HighestTrackableMicros));
        Assert.That(h.ValueAtPercentile(100), Is.EqualTo(LatencyHistogram.HighestTrackableMicros));
    }

    [Test]
    public void Merge_equals_recording_everything_in_one_histogram()
    {
        var rng = new Random(7);
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        for (var i = 0; i < 50_000; i++)
        {
            var v = rng.Next(1, 5_000_000);
            (i % 3 == 0 ? a : b).Record(v);
            all.Record(v);
        }
        var merged = a.Copy();
        merged.Add(b);
        Assert.That(merged.TotalCount, Is.EqualTo(all.TotalCount));
        Assert.That(merged.Min, Is.EqualTo(all.Min));
        Assert.That(merged.Max, Is.EqualTo(all.Max));
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
            Assert.That(merged.ValueAtPercentile(p), Is.EqualTo(all.ValueAtPercentile(p)), $"p{p}");
        Assert.That(merged.NonZeroBuckets().ToList(), Is.EqualTo(all.NonZeroBuckets().ToList()));
    }

    [Test]
    public void Json_round_trip_keeps_every_bucket()
    {
        var h = new LatencyHistogram();
        foreach (var v in new long[] { 3, 3, 1500, 2049, 123_456, 7_654_321, 59_999_999 }) h.Record(v);
        var json = JsonSerializer.Serialize(h.ToSnapshot());
        Assert.That(json, Does.Contain("\"layout\":\"log-linear-us-2048\""));
        var back = LatencyHistogram.FromSnapshot(JsonSerializer.Deserialize<HistogramSnapshot>(json)!);
        Assert.That(back.TotalCount, Is.EqualTo(7));
        Assert.That(back.NonZeroBuckets().ToList(), Is.EqualTo(h.NonZeroBuckets().ToList()));
        Assert.That(back.ValueAtPercentile(50), Is.EqualTo(h.ValueAtPercentile(50)));
        Assert.That(back.Max, Is.EqualTo(59_999_999));
        Assert.That(back.Mean, Is.EqualTo(h.Mean).Within(1e-6));
    }

    [Test]
    public void Snapshot_with_inconsistent_count_is_rejected()
    {
        var bad = new HistogramSnapshot("log-linear-us-2048", 5, 1, 1, 1, 0, [[1, 2]]);
        Assert.That(() => LatencyHistogram.FromSnapshot(bad), Throws.TypeOf<FormatException>().With.Message.Contains("does not match"));
    }
}
