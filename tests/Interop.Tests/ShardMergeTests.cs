using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures;

namespace NitroConformance.Interop.Tests;

/// <summary>
/// The scale-out path of deploy/k8s: N harness processes each run one shard against one reference node on loopback, then
/// <c>merge</c> makes one report. Checked against the shards' own numbers and against one unsharded run of the same total load.
/// </summary>
[TestFixture]
public sealed class ShardMergeTests
{
    private const int Shards = 2;
    private const int Sessions = 4;
    private const int Participants = 3;
    private const int RatePerShard = 10;
    private const int Seconds = 3;
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);
    private DirectoryInfo _out = null!;

    [SetUp]
    public void SetUp() => _out = Directory.CreateTempSubdirectory("nitro-shards-");

    [TearDown]
    public void TearDown()
    {
        if (_out is { Exists: true }) _out.Delete(recursive: true);
    }

    [Test]
    public async Task ShardProcessesMergeIntoTheAccountingOfOneRun()
    {
        // One unsharded run carrying the whole load, on its own node.
        JsonObject single;
        await using (var node = await StartNodeAsync())
        {
            var outcome = await LoadHarnessProcess.RunAsync(RunArgs(node.Url, RatePerShard * Shards, "single", shard: null), _out.FullName, ProcessTimeout);
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.ToString());
            single = LoadHarnessProcess.Report(Path.Combine(_out.FullName, "single"));
        }

        // N shard processes at once against one node, then merge.
        var shardReports = new List<JsonObject>();
        await using (var node = await StartNodeAsync())
        {
            var runs = Enumerable.Range(1, Shards)
                .Select(i => LoadHarnessProcess.RunAsync(RunArgs(node.Url, RatePerShard, $"shard-{i}", $"{i}/{Shards}"), _out.FullName, ProcessTimeout))
                .ToList();
            foreach (var outcome in await Task.WhenAll(runs)) Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.ToString());
            shardReports.AddRange(Enumerable.Range(1, Shards).Select(i => LoadHarnessProcess.Report(Path.Combine(_out.FullName, $"shard-{i}"))));
        }
        var merge = await LoadHarnessProcess.RunAsync(
            ["merge", .. Enumerable.Range(1, Shards).Select(i => Path.Combine(_out.FullName, $"shard-{i}")), "--run-id", "merged", "--out", _out.FullName],
            _out.FullName, ProcessTimeout);
        Assert.That(merge.ExitCode, Is.EqualTo(0), merge.ToString());
        var merged = LoadHarnessProcess.Report(Path.Combine(_out.FullName, "merged"));

        Assert.Multiple(() =>
        {
            Assert.That(merged["shards"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "1/2", "2/2" }));
            // Shards own disjoint sessions: each shard drove Sessions/Shards of them.
            Assert.That(shardReports.Select(r => (string?)r["notes"]!["sessions"]), Is.EqualTo(new[] { "2 (shard 1/2 of 4)", "2 (shard 2/2 of 4)" }));

            // Counters add up exactly.
            foreach (var (name, value) in merged["counters"]!.AsObject())
                Assert.That((long)value!, Is.EqualTo(shardReports.Sum(r => (long?)r["counters"]![name] ?? 0)), $"counter {name}");

            // Per metric: counts and errors add up, min/max are the extremes, percentiles are those of the union of samples.
            Assert.That(LoadHarnessProcess.MetricNames(merged), Is.EqualTo(LoadHarnessProcess.MetricNames(shardReports[0])));
            foreach (var name in LoadHarnessProcess.MetricNames(merged))
            {
                var m = LoadHarnessProcess.Metric(merged, name);
                var parts = shardReports.Select(r => LoadHarnessProcess.Metric(r, name)).ToList();
                Assert.That((long)m["count"]!, Is.EqualTo(parts.Sum(p => (long)p["count"]!)), $"{name}.count");
                Assert.That((long)m["errors"]!, Is.EqualTo(parts.Sum(p => (long)p["errors"]!)), $"{name}.errors");
                Assert.That((long)m["max_us"]!, Is.EqualTo(parts.Max(p => (long)p["max_us"]!)), $"{name}.max");
                Assert.That((long)m["min_us"]!, Is.EqualTo(parts.Min(p => (long)p["min_us"]!)), $"{name}.min");
                var union = parts.SelectMany(LoadHarnessProcess.Buckets).ToList();
                foreach (var (field, percentile) in new[] { ("p50_us", 50.0), ("p90_us", 90.0), ("p99_us", 99.0), ("p999_us", 99.9) })
                {
                    var expected = PercentileOfUnion(union, percentile);
                    Assert.That((long)m[field]!, Is.EqualTo(expected).Within(expected / 1024 + 1), $"{name}.{field} vs union of shard samples");
                }
            }

            // The same total load as one unsharded run: same iterations, same number of pushes accounted for.
            Assert.That((long)merged["counters"]!["iterations"]!, Is.EqualTo((long)single["counters"]!["iterations"]!));
            Assert.That((long)merged["counters"]!["iterations"]!, Is.EqualTo(RatePerShard * Shards * Seconds));
            foreach (var name in new[] { "broadcast", "broadcast.last", "broadcast.submit" })
            {
                long Accounted(JsonObject r) => (long)LoadHarnessProcess.Metric(r, name)["count"]! + (long)LoadHarnessProcess.Metric(r, name)["errors"]!;
                Assert.That(Accounted(merged), Is.EqualTo(Accounted(single)), $"{name}: samples + errors");
            }
            Assert.That((long)LoadHarnessProcess.Metric(merged, "broadcast")["count"]! + (long)LoadHarnessProcess.Metric(merged, "broadcast")["errors"]!,
                Is.EqualTo(RatePerShard * Shards * Seconds * Participants), "one asu per participant per submit");

            // Thresholds are re-evaluated on the merged numbers.
            var thresholds = merged["thresholds"]!.AsArray();
            Assert.That(thresholds.Select(t => (string?)t!["expression"]), Is.EqualTo(new[] { "misdelivered == 0" }));
            Assert.That(thresholds.Select(t => (bool)t!["passed"]!), Is.All.True);
        });
    }

    /// <summary>Value at a percentile of the multiset given as (value, count) buckets: the smallest value whose cumulative count reaches ceil(p/100·N).</summary>
    private static long PercentileOfUnion(IReadOnlyList<(long Value, long Count)> buckets, double percentile)
    {
        var total = buckets.Sum(b => b.Count);
        if (total == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        foreach (var (value, count) in buckets.OrderBy(b => b.Value))
        {
            seen += count;
            if (seen >= rank) return value;
        }
        return buckets.Max(b => b.Value);
    }

    private static Task<ReferenceNode> StartNodeAsync() =>
        ReferenceNode.StartAsync(new ReferenceNodeOptions { OutboundQueueCapacity = 16384 });

    private static string[] RunArgs(Uri target, int rate, string runId, string? shard)
    {
        var args = new List<string>
        {
            "run", "--scenario", "broadcast", "--target", target.ToString(),
            "--sessions", Sessions.ToString(CultureInfo.InvariantCulture), "--participants", Participants.ToString(CultureInfo.InvariantCulture),
            "--rate", rate.ToString(CultureInfo.InvariantCulture), "--duration", $"{Seconds}s", "--warmup", "0s",
            "--no-thresholds", "--threshold", "misdelivered == 0",
            "--run-id", runId, "--out", ".", "--quiet",
        };
        if (shard is not null) args.AddRange(["--shard", shard]);
        return [.. args];
    }
}
