using System.Text.Json.Nodes;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Routing;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>Wires the ledger, app-session and transfer parts into a node's router and runtime.</summary>
public static class NodeComposition
{
    /// <summary>Credits the configured initial balances (once per node, not again on a restart).</summary>
    public static void Seed(NodeRuntime runtime)
    {
        var now = runtime.Clock.GetUtcNow();
        foreach (var balance in runtime.Options.InitialBalances) runtime.Ledger.Credit(balance.Wallet, balance.Asset, balance.Amount, now);
    }

    /// <summary>Registers every ledger-backed handler and connects the runtime's ledger views.</summary>
    public static void Compose(NodeRuntime runtime, RpcRouter router)
    {
        var state = runtime.Ledger;
        foreach (var handler in LedgerMethods.Create(state, runtime.SessionKeys, runtime.Clock, runtime.Defects, runtime.UserTags,
                     StateLockYield.For(runtime.StateLock)))
            router.Register(handler.Method == "create_app_session" ? new ProtocolGate(handler, runtime.Options.Protocols, state) : handler);

        runtime.SessionKeyUsage = state.SessionKeyUsage;
        runtime.BalancePayload = wallet => new JsonObject { ["balance_updates"] = BalanceNotifications.ToJson(state.UnifiedBalances(wallet)) };
        runtime.FindAppSession = id => state.FindAppSession(id) is { } session
            ? new RelaySession(session.SessionId, session.Participants, session.Status == AppSessionStatus.Open)
            : null;
    }
}
