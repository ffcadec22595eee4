using NitroConformance.Fixtures;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads;

/// <summary>Builds the workload a profile names, and the balances the embedded node must credit for it.</summary>
public static class ScenarioFactory
{
    /// <summary>Workload names accepted in profiles.</summary>
    public static IReadOnlyList<string> Names { get; } = ["broadcast", "app-message", "request-latency", "session-churn", "auth-storm", "echo"];

    /// <summary>Balances to credit on the embedded node: only transfers need funds (app sessions here hold none).</summary>
    public static IReadOnlyList<InitialBalance> Balances(LoadProfile profile) =>
        profile.Scenario == "request-latency" && profile.StringParam("method", "ping") == "transfer"
            ? Enumerable.Range(0, profile.IntParam("connections", 8)).Select(i => new InitialBalance(RequestLatencyScenario.WalletFor(i).Address, "usdc", 1_000_000m)).ToList()
            : [];

    /// <summary>Creates the scenario for <paramref name="profile"/> against <paramref name="target"/>.</summary>
    public static ILoadScenario Create(LoadProfile profile, Uri target) => profile.Scenario switch
    {
        "broadcast" => new BroadcastScenario(target, new BroadcastOptions(
            profile.IntParam("sessions", 10), profile.IntParam("participants", 5), profile.StringParam("protocol", "0.4"),
            profile.Shard, profile.IntParam("presign_depth", 8), profile.Timeout)),
        "app-message" => new BroadcastScenario(target, new BroadcastOptions(
            profile.IntParam("sessions", 10), profile.IntParam("participants", 5), "0.4",
            profile.Shard, profile.IntParam("presign_depth", 8), profile.Timeout) { AppMessage = true }),
        "request-latency" => new RequestLatencyScenario(target, profile.StringParam("method", "ping"), profile.IntParam("connections", 8), profile.Timeout),
        "session-churn" => new SessionChurnScenario(target, profile.IntParam("slots", 4), profile.IntParam("participants", 3), profile.IntParam("submits", 3), profile.Timeout),
        "auth-storm" => new AuthStormScenario(target, profile.IntParam("wallets", 200), profile.Timeout),
        "echo" => new EchoScenario(target, profile.IntParam("connections", 8), profile.Timeout),
        _ => throw new ArgumentException($"{profile.Source}: scenario '{profile.Scenario}' is unknown (known: {string.Join(", ", Names)})"),
    };
}
