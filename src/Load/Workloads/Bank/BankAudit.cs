namespace NitroConformance.Load.Workloads.Bank;

/// <summary>What the node reported at the end of a bank run: balances and session shares, and the transfer transactions listed.</summary>
/// <param name="Balances">Unified balance per bank wallet (the asset under test).</param>
/// <param name="Shares">Share per (app session, participant) of every session the bank tried to open.</param>
/// <param name="Listed">Transfer transactions listed by <c>get_ledger_transactions</c> for the bank's wallets, one entry per listed row.</param>
public sealed record BankObservation(
    IReadOnlyDictionary<string, decimal> Balances,
    IReadOnlyDictionary<(string Session, string Participant), decimal> Shares,
    IReadOnlyList<BankTransfer> Listed);

/// <summary>The bank checks (Jepsen's bank test): total conserved, nothing negative, every accepted transfer listed exactly once.</summary>
/// <param name="Expected">Funded total.</param>
/// <param name="Observed">Σ balances + Σ session shares.</param>
/// <param name="Drift">|Observed − Expected| in millionths of the asset (the smallest unit of a 6-decimal asset).</param>
/// <param name="Negative">Balances and shares below zero.</param>
/// <param name="Lost">Accepted transfers whose id is not listed, or is listed with another sender, receiver or amount.</param>
/// <param name="Phantom">Listed transfers that match no accepted transfer and no transfer of unknown outcome.</param>
/// <param name="Duplicated">Listed transfers repeating the movement of an accepted transfer under another id, plus ids the node returned twice.</param>
/// <param name="Unresolved">Transfers of unknown outcome that are not listed (the node did not apply them).</param>
public sealed record BankAuditResult(decimal Expected, decimal Observed, long Drift, long Negative, long Lost, long Phantom, long Duplicated, long Unresolved)
{
    /// <summary>Smallest unit counted by <see cref="Drift"/>.</summary>
    public const decimal DriftUnit = 0.000001m;

    /// <summary>Compares what the bank did with what the node reports.</summary>
    public static BankAuditResult Compare(BankJournal journal, BankObservation seen)
    {
        var observed = seen.Balances.Values.Sum() + seen.Shares.Values.Sum();
        var drift = (long)Math.Ceiling(Math.Abs(observed - journal.Funded) / DriftUnit);
        var negative = seen.Balances.Values.Count(v => v < 0) + seen.Shares.Values.Count(v => v < 0);

        // The same id on two pages is the listing's doing (ties in the sort column), not a second transaction.
        var listed = new Dictionary<ulong, BankTransfer>();
        foreach (var row in seen.Listed) listed.TryAdd(row.Id, row);

        long lost = 0;
        foreach (var (id, t) in journal.Accepted)
            if (!listed.TryGetValue(id, out var row) || !row.SameMovement(t)) lost++;

        var acceptedMoves = journal.Accepted.Values.Select(t => t.MovementKey).ToHashSet(StringComparer.Ordinal);
        var unknown = journal.Indeterminate.GroupBy(t => t.MovementKey).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        long phantom = 0, duplicated = journal.DuplicateIds, resolved = 0;
        foreach (var (id, row) in listed)
        {
            if (journal.Accepted.TryGetValue(id, out var t) && row.SameMovement(t)) continue;
            if (acceptedMoves.Contains(row.MovementKey)) duplicated++;
            else if (unknown.TryGetValue(row.MovementKey, out var left) && left > 0)
            {
                unknown[row.MovementKey] = left - 1;
                resolved++;
            }
            else phantom++;
        }
        return new BankAuditResult(journal.Funded, observed, drift, negative, lost, phantom, duplicated, journal.Indeterminate.Count - resolved);
    }
}
