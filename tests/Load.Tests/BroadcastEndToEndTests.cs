using NitroConformance.Load.Cli;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;
using Spectre.Console;

namespace NitroConformance.Load.Tests;

public class BroadcastEndToEndTests
{
    private string _out = "";

    [SetUp]
    public void SetUp() => _out = Path.Combine(Path.GetTempPath(), "nitro-load-e2e-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, true);
    }

    private static IAnsiConsole Silent() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

    [Test]
    public async Task Short_broadcast_against_the_embedded_node_measures_every_push()
    {
        var profile = RunCommand.DefaultProfile with
        {
            WarmUp = TimeSpan.FromSeconds(0.5),
            Load = [new Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))],
            Params = new Dictionary<string, string> { ["sessions"] = "2", ["participants"] = "3", ["protocol"] = "0.4" },
            Thresholds = [Threshold.Parse("misdelivered == 0"), Threshold.Parse("broadcast.p50 < 1us")],
            OutputRoot = _out, RunId = "e2e", Quiet = true,
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var (report, dir, exit) = await RunCommand.RunAsync(profile, Silent(), cts.Token);

        // 20 measured submits, each pushed to 3 participants.
        var recipients = report.Metric("broadcast")!;
        Assert.That(report.Counters[LoadEngine.CompletedIterations], Is.EqualTo(20));
        Assert.That(recipients.Count + recipients.Errors, Is.EqualTo(60));
        Assert.That(recipients.Errors, Is.Zero, string.Join("; ", recipients.ErrorKinds.Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.That(report.Metric("broadcast.last")!.Count, Is.EqualTo(20));
        Assert.That(report.Metric("broadcast.submit")!.Count, Is.EqualTo(20));
        Assert.That(report.Counters["misdelivered"], Is.Zero);
        Assert.That(report.FanOut, Has.Count.EqualTo(3));
        Assert.That(report.FanOut.Sum(h => h.Count), Is.EqualTo(60));
        // The last recipient is never faster than the median recipient.
        Assert.That(report.Metric("broadcast.last")!.Max, Is.GreaterThanOrEqualTo(recipients.P50));
        Assert.That(report.Signing, Does.StartWith("pre-signed"));
        // An impossible threshold fails the run with k6's exit code.
        Assert.That(report.Thresholds.Select(t => t.Passed), Is.EqualTo(new[] { true, false }));
        Assert.That(exit, Is.EqualTo(ThresholdSet.FailedExitCode));
        var back = ReportJson.Load(dir);
        Assert.That(back.Metric("broadcast")!.P99, Is.EqualTo(recipients.P99));
        Assert.That(File.ReadAllText(Path.Combine(dir, ReportWriter.MarkdownFile)), Does.Contain($"| broadcast | {recipients.Count} | 0 |"));
    }

    [Test]
    public async Task Two_shards_merge_into_one_report()
    {
        var shards = new List<RunReport>();
        for (var i = 0; i < 2; i++)
        {
            var profile = RunCommand.DefaultProfile with
            {
                WarmUp = TimeSpan.Zero,
                Load = [new Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
                Params = new Dictionary<string, string> { ["sessions"] = "2", ["participants"] = "2" },
                Shard = (i, 2), OutputRoot = _out, RunId = $"shard{i}", Quiet = true,
                Thresholds = [Threshold.Parse("fail_rate < 1%")],
            };
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            shards.Add((await RunCommand.RunAsync(profile, Silent(), cts.Token)).Report);
        }
        Assert.That(shards.Select(s => s.Notes["sessions"]), Is.EqualTo(new[] { "1 (shard 1/2 of 2)", "1 (shard 2/2 of 2)" }));
        var s = CliSettings.Parse(["merge", Path.Combine(_out, "shard0"), Path.Combine(_out, "shard1"), "--run-id", "merged", "--out", _out], new Dictionary<string, string>());
        Assert.That(MergeCommand.Run(s, Silent()), Is.Zero);
        var merged = ReportJson.Load(Path.Combine(_out, "merged"));
        Assert.That(merged.Shards, Is.EqualTo(new[] { "1/2", "2/2" }));
        Assert.That(merged.Metric("broadcast")!.Count, Is.EqualTo(shards.Sum(r => r.Metric("broadcast")!.Count)));
        Assert.That(merged.Thresholds.Single().Expression, Is.EqualTo("fail_rate < 1%"));
    }
}
