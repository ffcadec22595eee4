using NitroConformance.Fixtures;
using NitroConformance.Load.Cli;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Workloads;
using Spectre.Console;

namespace NitroConformance.Load.Tests;

public class HeldConnectionsTests
{
    [Test]
    public async Task Held_connections_stay_open_through_the_broadcast_and_a_login_cap_ends_the_ramp_with_the_count_accepted()
    {
        // Challenge table of 5, used challenges kept 30 s: the broadcast's own 2 logins leave room for 3 held connections.
        await using var node = await ReferenceNode.StartAsync(new ReferenceNodeOptions { MaxChallenges = 5 });
        var output = Path.Combine(Path.GetTempPath(), "nitro-load-held-" + Guid.NewGuid().ToString("N"));
        try
        {
            var profile = RunCommand.DefaultProfile with
            {
                Target = node.Url.ToString(),
                WarmUp = TimeSpan.Zero,
                Load = [new Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
                Params = new Dictionary<string, string> { ["sessions"] = "1", ["participants"] = "2", ["connections"] = "10", ["connect_rate"] = "20" },
                Thresholds = [],
                OutputRoot = output, RunId = "held", Quiet = true,
            };
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var console = new StringWriter();
            var (report, _, exit) = await RunCommand.RunAsync(profile, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) }), cts.Token);

            Assert.That(report.Counters[HeldConnections.Counter], Is.EqualTo(3));
            var note = report.Notes[HeldConnections.Note];
            Assert.That(note, Does.StartWith("3 of 10 authenticated idle connections held"));
            Assert.That(note, Does.Contain("ramp ended after 3 accepted: the node refused login 4: RpcErrorException"));
            Assert.That(note, Does.Contain("failed to generate challenge"));
            // Each held connection got the node's welcome pushes (assets, channels, bu) and is still open after the run.
            Assert.That(note, Does.Contain("still connected: 3; pushes received: 9"));
            Assert.That(report.Notes[HeldConnections.MemoryNote], Does.Contain("KiB resident"));
            Assert.That(console.ToString(), Does.Contain("the node refused login 4"));
            // The broadcast itself ran cleanly alongside.
            Assert.That(report.Counters[LoadEngine.CompletedIterations], Is.EqualTo(5));
            Assert.That(report.Metric("broadcast")!.Errors, Is.Zero);
            Assert.That(exit, Is.Zero);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, true);
        }
    }
}
