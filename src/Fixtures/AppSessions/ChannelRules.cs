using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>The channel preconditions for debiting a unified balance (create funding, deposits, transfers).</summary>
public static class ChannelRules
{
    /// <summary>Null when <paramref name="wallet"/> may be debited; else the challenged or on-chain-funds error text.</summary>
    public static string? Check(NodeLedgerState state, string wallet)
    {
        var condition = state.ChannelConditionOf(wallet);
        if (condition.Challenged)
            return $"participant {wallet} has challenged channels, cannot execute operation";
        if (condition.OnChainAmount != 0m)
            return $"operation denied: non-zero allocation in {condition.OpenChannels} channel(s) detected owned by wallet {wallet}";
        return null;
    }
}
