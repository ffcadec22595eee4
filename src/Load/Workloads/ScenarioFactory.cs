using NitroConformance.Fixtures;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Workloads.Bank;
using NitroConformance.Load.Workloads.Soak;

namespace NitroConformance.Load.Workloads;

/// <summary>A workload bound to its options: the balances the embedded node must credit for it, and how to build it against a target.</summary>
public sealed record PreparedWorkload(IReadOnlyList<InitialBalance> Balances, Func<Uri, ILoadScenario> Create);

/// <summary>Binds the workload a profile names to its options record (strictly, before anything starts) and builds it.</summary>
public static class ScenarioFactory
{
    /// <summary>Workload names accepted in profiles.</summary>
    public static IReadOnlyList<string> Names { get; } = ["broadcast", "app-message", "request-latency", "session-churn", "auth-storm", "echo", "bank", "soak"];

    /// <summary>Binds <paramref name="profile"/>'s params; an unknown workload, key or value is a <see cref="FormatException"/> naming the file and key.</summary>
    public static PreparedWorkload Prepare(LoadProfile profile)
    {
        switch (profile.Scenario)
        {
            case "broadcast":
            case "app-message":
                var appMessage = profile.Scenario == "app-message";
                var b = BroadcastOptions.Bind(profile, appMessage);
                return new([], url => new BroadcastScenario(url, b, appMessage ? new MessageRelayDelivery() : new AsuDelivery()));
            case "request-latency":
                var r = RequestLatencyOptions.Bind(profile);
                // Only transfers need funds (app sessions here hold none).
                IReadOnlyList<InitialBalance> funds = r.Method == Protocol.Rpc.RpcMethods.Transfer
                    ? Enumerable.Range(0, r.Connections).Select(i => new InitialBalance(RequestLatencyScenario.WalletFor(i).Address, "usdc", 1_000_000m)).ToList()
                    : [];
                return new(funds, url => new RequestLatencyScenario(url, r));
            case "session-churn":
                var c = SessionChurnOptions.Bind(profile);
                return new([], url => new SessionChurnScenario(url, c));
            case "auth-storm":
                var a = AuthStormOptions.Bind(profile);
                return new([], url => new AuthStormScenario(url, a));
            case "echo":
                var e = EchoOptions.Bind(profile);
                return new([], url => new EchoScenario(url, e.Connections, e.Timeout));
            case "soak":
                var s = SoakOptions.Bind(profile);
                return new(s.Parts.SelectMany(x => x.Workload.Balances).ToList(), url => new SoakScenario(url, s));
            case "bank":
                var k = BankOptions.Bind(profile);
                return new([new InitialBalance(BankOptions.Treasury().Address, BankOptions.Asset, k.TreasuryNeeds)], url => new BankScenario(url, k));
            default:
                throw new FormatException($"{profile.Source}: scenario '{profile.Scenario}' is unknown (known: {string.Join(", ", Names)})");
        }
    }
}
