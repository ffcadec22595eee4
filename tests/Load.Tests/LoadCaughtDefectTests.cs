using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Load.Cli;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;
using NitroConformance.Load.Workloads;
using Spectre.Console;

namespace NitroConformance.Load.Tests;

/// <summary>
/// Seeded defects that only concurrent traffic shows (<see cref="DefectHarness.Load"/>) are not in the conformance
/// defect matrix; here each one is caught by a shipped load profile, unchanged, while the faithful node passes it.
/// </summary>
public class LoadCaughtDefectTests
{
    // Defect → the shipped profile that catches it and the counters that must show it.
    private static readonly Dictionary<DefectId, (string Profile, string[] Counters)> Catching = new()
    {
        [DefectId.NonAtomicBalanceUpdate] = ("scenarios/load/bank.yaml", ["ledger_drift"]),
    };

    private static IEnumerable<DefectId> LoadDefects() => DefectCatalog.All.Where(d => d.CaughtBy == DefectHarness.Load).Select(d => d.Id);

    private string _out = "";

    [SetUp]
    public void SetUp() => _out = Path.Combine(Path.GetTempPath(), "nitro-load-caught-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, true);
    }

    [Test]
    public void Every_load_caught_defect_has_a_catching_profile() =>
        Assert.That(Catching.Keys, Is.EquivalentTo(LoadDefects()), "add the shipped profile that catches each DefectHarness.Load defect");

    [TestCaseSource(nameof(LoadDefects))]
    public async Task Defect_fails_the_profile_and_the_faithful_node_passes_it(DefectId defect)
    {
        var (path, counters) = Catching[defect];
        var profile = ProfileLoader.LoadFile(ProfileTests.RepoFile(path)) with { Quiet = true, OutputRoot = _out };

        // The faithful node passes every correctness threshold; latency and fail-rate ones depend on how busy this machine is.
        var faithful = await RunAgainstAsync(profile with { RunId = "faithful" }, []);
        var correctness = faithful.Report.Thresholds.Where(t => t.Expression.Contains("==", StringComparison.Ordinal)).ToList();
        Assert.That(correctness, Has.Count.GreaterThanOrEqualTo(counters.Length));
        Assert.That(correctness.Where(t => !t.Passed).Select(t => $"{t.Expression}: {t.Actual}"), Is.Empty);
        foreach (var c in counters) Assert.That(faithful.Report.Counters[c], Is.Zero, c);
        if (faithful.Report.Scenario == "bank")
        {
            // Then the wallets pay the treasury back: all 800 funded but the shares of at most two open sessions (2 × 2 × 1).
            var sweep = faithful.Report.Notes["bank_sweep"];
            Assert.That(sweep, Does.Match(@"^[0-9.]+ usdc sent back to the treasury$"));
            Assert.That(decimal.Parse(sweep.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), Is.InRange(796m, 800m));
        }

        var seeded = await RunAgainstAsync(profile with { RunId = "seeded" }, [defect]);
        TestContext.Out.WriteLine($"{defect}: " + string.Join(", ", seeded.Report.Counters.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.That(seeded.Exit, Is.EqualTo(ThresholdSet.FailedExitCode));
        foreach (var c in counters) Assert.That(seeded.Report.Counters[c], Is.GreaterThan(0), c);
    }

    private static async Task<(RunReport Report, int Exit)> RunAgainstAsync(LoadProfile profile, DefectId[] defects)
    {
        await using var node = await ReferenceNode.StartAsync(new ReferenceNodeOptions
        {
            InitialBalances = ScenarioFactory.Prepare(profile).Balances,
            Defects = defects.ToHashSet(),
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var (report, _, exit) = await RunCommand.RunAsync(profile with { Target = node.Url.ToString() }, console, cts.Token);
        return (report, exit);
    }
}
