using NitroConformance.Load.Cli;
using NitroConformance.Load.Workloads.Bank;
using Spectre.Console;

namespace NitroConformance.Load.Tests;

public class SoakTests
{
    private string _out = "";

    [SetUp]
    public void SetUp() => _out = Path.Combine(Path.GetTempPath(), "nitro-load-soak-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, true);
    }

    // The shipped soak profile cut to 30 s (memory sampled every second) against the embedded node.
    [Test]
    public async Task A_30_second_soak_passes_its_bank_and_memory_checks()
    {
        var settings = CliSettings.Parse(["run", "--profile", ProfileTests.RepoFile("scenarios/load/soak.yaml"), "--duration", "30s",
            "--param", "memory_interval_s=1", "--quiet", "--out", _out, "--run-id", "soak"], new Dictionary<string, string>());
        var profile = RunCommand.ResolveProfile(settings);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var (report, _, exit) = await RunCommand.RunAsync(profile, console, cts.Token);

        Assert.That(exit, Is.Zero, string.Join("; ", report.Thresholds.Where(t => !t.Passed).Select(t => $"{t.Expression}: {t.Actual}")));
        foreach (var counter in BankScenario.AuditCounters.Take(5)) Assert.That(report.Counters[counter], Is.Zero, counter);
        Assert.That(report.Counters["memory_rising"], Is.Zero);
        Assert.That(report.Counters["memory_start_mib"], Is.GreaterThan(0));
        // ~35 samples: warm-up and the 30 s measured, one a second.
        Assert.That(report.Notes["memory_series_mib"].Split("; "), Has.Length.GreaterThanOrEqualTo(30));

        // Weights 1:1:1:2 share the iterations: bank gets twice what churn gets (one session step or transfer each).
        long Tried(params string[] metrics) => metrics.Sum(m => report.Metric(m)!.Count + report.Metric(m)!.Errors);
        var churn = Tried("churn.cycle");
        Assert.That(churn, Is.GreaterThan(100));
        Assert.That(Tried("broadcast.submit"), Is.InRange(churn * 9 / 10, churn * 11 / 10));
        Assert.That(Tried("request.get_ledger_balances"), Is.InRange(churn * 9 / 10, churn * 11 / 10));
        Assert.That(Tried(BankScenario.TransferMetric, BankScenario.SessionMetric), Is.InRange(churn * 18 / 10, churn * 22 / 10));
    }
}
