using NitroConformance.Fixtures;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Workloads.Bank;

namespace NitroConformance.Load.Workloads;

/// <summary>Builds the workload a profile names, and the balances the embedded node must credit for it.</summary>
public static class ScenarioFactory
{
    /// <summary>Workload names accepted in profiles.</summary>
    public static IReadOnlyList<string> Names { get; } = ["broadcast", "app-message", "request-latency", "session-churn", "auth-storm", "echo", "bank"];

    /// <summary>Balances to credit on the embedded node: only transfers need funds (the bank's treasury, request-latency's transfer wallets).</summary>
    public static IReadOnlyList<InitialBalance> Balances(LoadProfile profile) => profile.Scenario switch
    {
        "request-latency" when profile.StringParam("method", "ping") == "transfer" =>
            Enumerable.Range(0, profile.IntParam("connections", 8)).Select(i => new InitialBalance(RequestLatencyScenario.WalletFor(i).Address, "usdc", 1_000_000m)).ToList(),
        "bank" => [TreasuryFunding(BankOf(profile))],
        _ => [],
    };

    private static InitialBalance TreasuryFunding(BankOptions bank) => new(BankOptions.Treasury().Address, bank.Asset, bank.TreasuryNeeds);

    private static BankOptions BankOf(LoadProfile p) => new(
        p.IntParam("wallets", 8), p.IntParam("session_slots", 2), p.IntParam("session_every", 5), p.IntParam("operates", 2),
        BankOptions.Amount("funding", p.StringParam("funding", "100")), BankOptions.Amount("session_share", p.StringParam("session_share", "1")),
        p.StringParam("asset", "usdc"), p.Timeout);

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
        "bank" => new BankScenario(target, BankOf(profile)),
        _ => throw new ArgumentException($"{profile.Source}: scenario '{profile.Scenario}' is unknown (known: {string.Join(", ", Names)})"),
    };
}
