using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Load.Cli;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Thresholds;
using Spectre.Console;

namespace NitroConformance.Load.Tests;

public class SeededDefectTests
{
    [Test]
    public async Task Missing_submitter_push_is_counted_as_a_timeout_and_fails_the_threshold()
    {
        await using var node = await ReferenceNode.StartAsync(new ReferenceNodeOptions { Defects = new HashSet<DefectId> { DefectId.AsuNotSentToSender } });
        var output = Path.Combine(Path.GetTempPath(), "nitro-load-defect-" + Guid.NewGuid().ToString("N"));
        try
        {
            var profile = RunCommand.DefaultProfile with
            {
                Target = node.Url.ToString(),
                WarmUp = TimeSpan.Zero,
                Load = [new Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
                Timeout = TimeSpan.FromMilliseconds(300),
                Params = new Dictionary<string, string> { ["sessions"] = "5", ["participants"] = "3" },
                Thresholds = [Threshold.Parse("broadcast.fail_rate < 1%"), Threshold.Parse("misdelivered == 0")],
                OutputRoot = output, RunId = "defect", Quiet = true,
            };
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
            var (report, _, exit) = await RunCommand.RunAsync(profile, console, cts.Token);

            // 5 submits × 3 participants: the submitter's own asu never comes, the other two do.
            var recipients = report.Metric("broadcast")!;
            Assert.That(report.Counters[LoadEngine.CompletedIterations], Is.EqualTo(5));
            Assert.That(recipients.Count, Is.EqualTo(10));
            Assert.That(recipients.ErrorKinds, Is.EqualTo(new Dictionary<string, long> { ["timeout"] = 5 }));
            Assert.That(report.Counters["push_timeouts"], Is.EqualTo(5));
            Assert.That(report.Metric("broadcast.last")!.Errors, Is.EqualTo(5));
            Assert.That(report.Thresholds.Select(t => t.Passed), Is.EqualTo(new[] { false, true }));
            Assert.That(exit, Is.EqualTo(ThresholdSet.FailedExitCode));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, true);
        }
    }
}
