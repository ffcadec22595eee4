using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Profiles;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>The operate/close conservation rule: listed amounts per asset must equal the session total (Go's verifyAllocations).</summary>
public static class Conservation
{
    /// <summary>
    /// Null when <paramref name="listed"/> redistributes <paramref name="totals"/> exactly; else the error text (no prefix).
    /// Go walks both as maps (rpc_router_private.go ~l.867-887), so with several wrong assets the one named depends on
    /// <paramref name="order"/> (and on the order of <paramref name="totals"/>).
    /// </summary>
    public static string? Verify(IReadOnlyList<AssetBalance> totals, IReadOnlyDictionary<string, decimal> listed, MapOrder order)
    {
        foreach (var total in totals)
        {
            var has = listed.TryGetValue(total.Asset, out var sum);
            if (total.Amount == 0m)
            {
                if (has && sum != 0m) return $"asset {total.Asset} is not deposited into the app session. Please deposit the asset first";
                continue;
            }
            if (!has || sum != total.Amount) return $"asset {total.Asset} not fully redistributed";
        }
        foreach (var (asset, sum) in order.Arrange(listed))
            if (totals.All(t => t.Asset != asset) && sum != 0m) return $"allocation references unknown asset {asset}";
        return null;
    }

    /// <summary>
    /// The deliberate fix for README Q21: every share under the session that the allocation list does not name is set
    /// to 0, so the listed amounts (which must equal the totals) are the whole session afterwards.
    /// </summary>
    public static void ZeroOmittedShares(NodeLedgerState state, string sessionId, IEnumerable<AllocationParam> listed, DateTimeOffset now)
    {
        var named = listed.Select(a => (LedgerAddress.WalletColumn(a.Participant), a.Asset)).ToHashSet();
        foreach (var total in state.AccountTotals(sessionId))
        {
            foreach (var wallet in state.WalletsUnder(sessionId, total.Asset))
            {
                if (named.Contains((wallet, total.Asset))) continue;
                var share = state.Balance(sessionId, wallet, total.Asset);
                state.Record(sessionId, wallet, total.Asset, -share, null, now);
            }
        }
    }
}
