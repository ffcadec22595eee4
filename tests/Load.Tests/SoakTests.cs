using NitroConformance.Load.Cli;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Workloads;
using NitroConformance.Load.Workloads.Bank;
using NitroConformance.Load.Workloads.Soak;
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
        Assert.That(churn, Is.GreaterThan(60));
        Assert.That(Tried("broadcast.submit"), Is.InRange(churn * 9 / 10, churn * 11 / 10));
        Assert.That(Tried("request.get_ledger_balances"), Is.InRange(churn * 9 / 10, churn * 11 / 10));
        Assert.That(Tried(BankScenario.TransferMetric, BankScenario.SessionMetric), Is.InRange(churn * 18 / 10, churn * 22 / 10));
    }

    [Test]
    public void Each_part_gets_its_own_prefixed_params_and_the_embedded_node_funds_the_bank()
    {
        var profile = ProfileLoader.Parse("scenario: soak\nparams:\n  weight.broadcast: 0\n  weight.bank: 3\n  bank.wallets: 3\n  bank.funding: 7\n  session-churn.slots: 1\n", "s.yaml");
        var options = SoakOptions.Bind(profile);
        Assert.That(options.Parts.Select(p => (p.Name, p.Weight)), Is.EqualTo(new[] { ("request-latency", 1), ("session-churn", 1), ("bank", 3) }));
        var funding = ScenarioFactory.Prepare(profile).Balances.Single();
        Assert.That((funding.Wallet, funding.Asset, funding.Amount), Is.EqualTo((BankOptions.Treasury().Address, "usdc", 21m)));
    }

    [TestCase("  bank.walets: 3\n", "s.yaml (bank.*): params.walets: unknown parameter of workload 'bank'")]
    [TestCase("  weight.bnak: 1\n", "s.yaml: params.weight.bnak: unknown parameter of workload 'soak'")]
    [TestCase("  bank.session_share: 30\n", "s.yaml (bank.*): params.session_share: '30' must be positive and at most a quarter of funding")]
    [TestCase("  weight.broadcast: 0\n  weight.request-latency: 0\n  weight.session-churn: 0\n  weight.bank: 0\n", "s.yaml: params.weight.*: at least one workload")]
    public void Bad_soak_params_name_the_file_and_the_key(string yaml, string message) =>
        Assert.That(() => ScenarioFactory.Prepare(ProfileLoader.Parse("scenario: soak\nparams:\n" + yaml, "s.yaml")),
            Throws.TypeOf<FormatException>().With.Message.Contains(message));
}
