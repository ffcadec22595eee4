using System.Collections.Concurrent;

namespace NitroConformance.Load.Workloads.Bank;

/// <summary>
/// What the bank workload did, as far as the client knows: transfers the node accepted (with the transaction ids it
/// returned), transfers whose outcome is unknown (timed out or cut off), the funding, and every app session it tried to open.
/// </summary>
public sealed class BankJournal
{
    private readonly ConcurrentDictionary<ulong, BankTransfer> _accepted = new();
    private readonly ConcurrentBag<BankTransfer> _indeterminate = [];
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private long _duplicateIds;

    /// <summary>Total the treasury moved into the bank's wallets (what the ledger must still hold at the end).</summary>
    public decimal Funded { get; private set; }

    /// <summary>Transfers the node accepted, by transaction id.</summary>
    public IReadOnlyDictionary<ulong, BankTransfer> Accepted => _accepted;

    /// <summary>Transfers with no answer (timeout, cancellation): each may or may not be in the ledger.</summary>
    public IReadOnlyCollection<BankTransfer> Indeterminate => _indeterminate;

    /// <summary>Every app session id the workload sent a create for, with its participants.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sessions => _sessions;

    /// <summary>Accepted transfers whose id the node had already returned for another accepted transfer.</summary>
    public long DuplicateIds => Interlocked.Read(ref _duplicateIds);

    /// <summary>Adds a confirmed funding transfer.</summary>
    public void AddFunding(BankTransfer t, decimal amount)
    {
        Funded += amount;
        Accept(t);
    }

    /// <summary>Records a transaction the node returned for an accepted transfer.</summary>
    public void Accept(BankTransfer t)
    {
        if (!_accepted.TryAdd(t.Id, t)) Interlocked.Increment(ref _duplicateIds);
    }

    /// <summary>Records a transfer whose outcome is unknown.</summary>
    public void Unknown(BankTransfer t) => _indeterminate.Add(t);

    /// <summary>Records an app session create (sent; whether it succeeded the audit reads from the node).</summary>
    public void SessionAttempted(string sessionId, IReadOnlyList<string> participants) => _sessions.TryAdd(sessionId, participants);
}
