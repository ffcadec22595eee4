using NitroConformance.Load.Cli;
using NitroConformance.Load.Engine;
using Spectre.Console;

namespace NitroConformance.Load.Tests;

public class WorkloadEndToEndTests
{
    private string _out = "";

    [SetUp]
    public void SetUp() => _out = Path.Combine(Path.GetTempPath(), "nitro-load-wl-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, true);
    }

    // Each workload, 1 s at 10 iterations/s against the embedded node: every sample of every metric must succeed.
    [TestCase("app-message", "message", 20, "participants=3;sessions=2")]
    [TestCase("request-latency", "request.get_ledger_balances", 10, "method=get_ledger_balances")]
    [TestCase("request-latency", "request.transfer", 10, "method=transfer")]
    [TestCase("session-churn", "churn.cycle", 10, "submits=2")]
    [TestCase("auth-storm", "auth.total", 10, "wallets=5")]
    public async Task Workload_runs_cleanly_against_the_embedded_node(string scenario, string headline, int expected, string param)
    {
        var settings = CliSettings.Parse(["run", "--scenario", scenario, "--rate", "10", "--duration", "1s", "--warmup", "0.2s",
            .. param.Split(';').SelectMany(p => new[] { "--param", p }), "--no-thresholds", "--quiet", "--out", _out, "--run-id", scenario], new Dictionary<string, string>());
        var profile = RunCommand.ResolveProfile(settings);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var (report, _, exit) = await RunCommand.RunAsync(profile, console, cts.Token);
        Assert.That(exit, Is.Zero);
        Assert.That(report.Headline, Is.EqualTo(headline));
        Assert.That(report.Counters[LoadEngine.CompletedIterations], Is.EqualTo(10));
        var errors = report.Metrics.SelectMany(m => m.ErrorKinds.Select(kv => $"{m.Name}: {kv.Key} × {kv.Value}")).ToList();
        Assert.That(errors, Is.Empty);
        // app-message: 10 messages × 2 other participants; the others: one headline sample per iteration.
        Assert.That(report.Metric(headline)!.Count, Is.EqualTo(expected));
    }
}
