using NitroConformance.Load.Cli;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Thresholds;
using NitroConformance.Load.Workloads;

namespace NitroConformance.Load.Tests;

public class DeclaredMetricsTests
{
    private static IReadOnlyList<MetricDeclaration> BroadcastMetrics(string scenario = "broadcast") =>
        LoadEngine.DeclaredMetrics(ScenarioFactory.Prepare(RunCommand.DefaultProfile with { Scenario = scenario, Params = new Dictionary<string, string>() })
            .Create(new Uri("ws://127.0.0.1:9/ws")));

    [Test]
    public void A_threshold_on_an_undeclared_metric_is_refused_naming_the_known_ones()
    {
        var metrics = BroadcastMetrics();
        Assert.That(() => ThresholdSet.CheckKnown([Threshold.Parse("broadcst.p99 < 50ms")], metrics),
            Throws.ArgumentException.With.Message.EqualTo(
                "threshold 'broadcst.p99 < 50ms': unknown metric 'broadcst' (metrics: broadcast, broadcast.last, broadcast.submit; " +
                "counters: dropped_iterations, duplicate_pushes, iterations, late_iterations, late_pushes, misdelivered, push_timeouts; statistics: fail_rate, throughput)"));
        Assert.That(() => ThresholdSet.CheckKnown([Threshold.Parse("misdelivred == 0")], metrics),
            Throws.ArgumentException.With.Message.StartsWith("threshold 'misdelivred == 0': unknown counter or statistic 'misdelivred'"));
        Assert.That(() => ThresholdSet.CheckKnown(RunCommand.DefaultProfile.Thresholds, metrics), Throws.Nothing);
        // The relay twin declares its own names.
        Assert.That(BroadcastMetrics("app-message").Where(d => d.Kind == MetricKind.Latency).Select(d => d.Name),
            Is.EquivalentTo(new[] { "message", "message.last", "message.send" }));
    }

    [Test]
    public void Declared_metrics_exist_at_zero_and_undeclared_ones_are_a_programming_error()
    {
        var registry = new MetricRegistry([MetricDeclaration.Latency("a"), MetricDeclaration.Counter("c")], measureStart: 100);
        Assert.That(registry.Counters, Is.EqualTo(new Dictionary<string, long> { ["c"] = 0 }));
        Assert.That(registry.All.Select(m => m.Name), Is.EqualTo(new[] { "a" }));
        Assert.That(() => registry.Get("b"), Throws.InvalidOperationException.With.Message.Contains("metric 'b' was not declared"));
        Assert.That(() => registry.Increment("d"), Throws.InvalidOperationException.With.Message.Contains("counter 'd' was not declared"));
        // Warm-up rule: only what an iteration intended at or after the measure start caused is counted.
        registry.CountIfMeasured("c", 99);
        registry.CountIfMeasured("c", 100);
        Assert.That(registry.Counter("c"), Is.EqualTo(1));
        Assert.That(() => new MetricRegistry([MetricDeclaration.Latency("x"), MetricDeclaration.Counter("x")]),
            Throws.ArgumentException.With.Message.Contains("both as a latency and as a counter"));
    }

    [TestCase("broadcast", "sesions: 20", "x.yaml: params.sesions: unknown parameter of workload 'broadcast' (known: connect_rate, connections, participants, presign_depth, protocol, sessions)")]
    [TestCase("broadcast", "protocol: \"0.3\"", "x.yaml: params.protocol: '0.3' (use 0.4 or 0.2)")]
    [TestCase("broadcast", "participants: 1", "x.yaml: params.participants: '1' is not an integer >= 2")]
    [TestCase("app-message", "protocol: \"0.2\"", "x.yaml: params.protocol: unknown parameter of workload 'app-message'")]
    [TestCase("request-latency", "method: get_config", "x.yaml: params.method: 'get_config' (use ping or get_ledger_balances or transfer)")]
    [TestCase("session-churn", "slot: 2", "x.yaml: params.slot: unknown parameter of workload 'session-churn' (known: participants, slots, submits)")]
    [TestCase("auth-storm", "wallets: many", "x.yaml: params.wallets: 'many' is not an integer >= 1")]
    [TestCase("echo", "sessions: 2", "x.yaml: params.sessions: unknown parameter of workload 'echo' (known: connections)")]
    public void Params_bind_strictly_to_each_workloads_options(string scenario, string param, string message)
    {
        var profile = ProfileLoader.Parse($"scenario: {scenario}\nparams:\n  {param}\n", "x.yaml");
        Assert.That(() => ScenarioFactory.Prepare(profile), Throws.TypeOf<FormatException>().With.Message.StartsWith(message));
    }

    [Test]
    public void Params_bind_to_the_options_record()
    {
        var profile = ProfileLoader.Parse("scenario: broadcast\nparams: { sessions: 20, participants: 3, protocol: \"0.2\", presign_depth: 4 }\n", "x.yaml");
        Assert.That(BroadcastOptions.Bind(profile, appMessage: false),
            Is.EqualTo(new BroadcastOptions(20, 3, "0.2", (0, 1), 4, profile.Timeout)));
        var rl = ProfileLoader.Parse("scenario: request-latency\nparams: { method: transfer, connections: 3 }\n", "x.yaml");
        Assert.That(ScenarioFactory.Prepare(rl).Balances.Select(b => b.Wallet), Is.EqualTo(Enumerable.Range(0, 3).Select(i => RequestLatencyScenario.WalletFor(i).Address)));
    }
}
