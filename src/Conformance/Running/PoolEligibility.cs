using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Which wallets of a case may be leased from the <see cref="WalletPool"/> instead of being derived fresh (and logged in with a challenge).</summary>
public static class PoolEligibility
{
    // Reads that do not depend on a wallet's history; every other get_* lists rows earlier lessees left behind.
    private static readonly HashSet<string> HistoryFreeReads = ["get_config", "get_assets", "get_app_definition"];

    /// <summary>
    /// False when the scenario tests authentication (its own flows stay), checks or saves what a wallet's history shows (lists and checked bu
    /// payloads would show an earlier lessee's rows), or fixes a session nonce (two cases leasing the same wallets would compute the same id).
    /// </summary>
    public static bool ScenarioMayPool(Scenario scenario) =>
        scenario.Area != "auth"
        && scenario.Session.Nonce is null
        && scenario.Steps.All(s => s switch
        {
            AuthStep or ReauthStep or RevokeStep => false,
            QueryStep { Method: { } m } q => !m.StartsWith("get_", StringComparison.Ordinal) || HistoryFreeReads.Contains(m) || ReadsNoContent(q),
            CreateStep c => c.Definition.Nonce is null,
            // A bu push lists every asset the wallet ever held, zero rows of an earlier lessee's included.
            WaitPushStep { Method: "bu", Fields.Count: > 0 } => false,
            _ => true,
        });

    // A read whose result is neither compared nor saved (plain ok, or an error) cannot see an earlier lessee's rows.
    private static bool ReadsNoContent(QueryStep q) => q.Save.Count == 0 && (!q.Expect.Success || q.Expect.Fields.Count == 0);

    /// <summary>Wallets with a declared session key register it at login, so they always log in themselves.</summary>
    public static bool WalletMayPool(WalletSpec wallet) => wallet.SessionKey is null;
}
