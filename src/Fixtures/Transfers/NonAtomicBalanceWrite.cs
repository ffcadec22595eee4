using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.Transfers;

/// <summary>
/// The <see cref="DefectId.NonAtomicBalanceUpdate"/> write path of a transfer: read both balances, yield the state lock,
/// then set each balance to the value computed from the reads, the way an application that stores balances and writes
/// <c>balance = read ± amount</c> outside one transaction would. A request that changed either balance during the pause
/// is overwritten: money appears or disappears while every transfer is still listed.
/// </summary>
public static class NonAtomicBalanceWrite
{
    /// <summary>Applies one allocation non-atomically; <paramref name="fromRead"/> is the sender's balance read for the funds check.</summary>
    public static void Apply(LedgerContext context, (string Account, string Wallet) from, (string Account, string Wallet) to,
        string asset, decimal amount, decimal fromRead, string? sessionKey, DateTimeOffset now)
    {
        var state = context.State;
        var toRead = state.Balance(to.Account, to.Wallet, asset);
        context.YieldStateLock();
        // Rows are the ledger here, so "set balance to X" is a row of X minus what the rows sum to now.
        state.Record(from.Account, from.Wallet, asset, fromRead - amount - state.Balance(from.Account, from.Wallet, asset), sessionKey, now);
        state.Record(to.Account, to.Wallet, asset, toRead + amount - state.Balance(to.Account, to.Wallet, asset), null, now);
    }
}
