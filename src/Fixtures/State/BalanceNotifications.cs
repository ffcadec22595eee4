using NitroConformance.Fixtures.Params;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.State;

/// <summary>Builds <c>bu</c> pushes and the balance lists shared by <c>bu</c> and <c>get_ledger_balances</c>.</summary>
public static class BalanceNotifications
{
    /// <summary>Method name of the balance-update push.</summary>
    public const string Method = "bu";

    /// <summary>A <c>bu</c> push to <paramref name="wallet"/> with its full unified balance.</summary>
    public static Notification For(NodeLedgerState state, string wallet) =>
        new(wallet, Method, new JsonObject { ["balance_updates"] = ToJson(state.UnifiedBalances(wallet)) });

    /// <summary><c>[{"asset","amount"}…]</c>.</summary>
    public static JsonArray ToJson(IEnumerable<AssetBalance> balances)
    {
        var array = new JsonArray();
        foreach (var b in balances)
            array.Add(new JsonObject { ["asset"] = b.Asset, ["amount"] = GoDecimal.Format(b.Amount) });
        return array;
    }
}
