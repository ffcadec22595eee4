using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Suite;
using NitroConformance.Fixtures;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>The pre-flight check: its table against a sound node, and one clear stop when the clocks disagree.</summary>
[TestFixture]
[Category("Engine")]
[CancelAfter(120_000)]
public sealed class PreFlightTests
{
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("preflight-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    [Test]
    public async Task A_sound_node_gets_a_table_of_every_check()
    {
        var settings = ScenarioCatalog.Current.Settings!;
        await using var node = await ReferenceNode.StartAsync(TargetFactory.EmbeddedOptions(settings));
        var remote = InProcessRun.AgainstRunningNode(settings, node.Url, "reference", null) with { ReportsDirectory = _dir.FullName };
        await using var target = await TargetFactory.CreateAsync(remote);
        var (treasury, report) = await PreFlight.OpenTreasuryAsync(target, remote, CancellationToken.None);
        await treasury.DisposeAsync();

        Assert.That(report.Failed, Is.False, report.ToTable());
        var table = File.ReadAllText(Path.Combine(_dir.FullName, "preflight.md"));
        Assert.That(table, Does.Contain($"| broker address | {node.BrokerAddress} |"));
        Assert.That(table, Does.Contain("| protocols accepted | NitroRPC/0.2, NitroRPC/0.4 |"));
        Assert.That(table, Does.Contain("| treasury balance usdc → usdc | 1000000000 |"));
        Assert.That(table, Does.Contain("| treasury channels | no channels |"));
        Assert.That(table, Does.Match(@"\| reachable, clock skew \| yes \(ws://127\.0\.0\.1:\d+/ws, ping answered in \d+ ms\); clock skew [+-]\d+ ms"));
    }

    [Test]
    public async Task A_node_two_minutes_ahead_stops_the_run_with_one_message_naming_the_clock()
    {
        var settings = ScenarioCatalog.Current.Settings!;
        await using var node = await ReferenceNode.StartAsync(TargetFactory.EmbeddedOptions(settings) with { Clock = new ShiftedClock(TimeSpan.FromMinutes(2)) });
        var remote = InProcessRun.AgainstRunningNode(settings, node.Url, "reference", null) with { ReportsDirectory = _dir.FullName };

        var ex = Assert.ThrowsAsync<PreFlightFailedException>(() => InProcessRun.RunAsync(remote, ScenarioCatalog.Cases.ToList(), CancellationToken.None))!;
        Assert.That(ex.Message, Does.StartWith("Pre-flight check of the target failed, no case was run:"));
        Assert.That(ex.Message, Does.Match(@"this machine's clock is -1\d\d\d\d\d ms off the node's; .* sync the clock \(NTP\)"));
        Assert.That(File.Exists(Path.Combine(_dir.FullName, "summary.json")), Is.False, "no case ran");
        Assert.That(File.ReadAllText(Path.Combine(_dir.FullName, "preflight.md")), Does.Contain("**FAILED**"));
    }
}
