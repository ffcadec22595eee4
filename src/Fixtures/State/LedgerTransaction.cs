namespace NitroConformance.Fixtures.State;

/// <summary>A ledger transaction row as <c>get_ledger_transactions</c> and <c>transfer</c> report it.</summary>
public sealed record LedgerTransaction(
    long Id,
    LedgerTransactionType Type,
    string FromAccount,
    string ToAccount,
    string Asset,
    decimal Amount,
    DateTimeOffset CreatedAt);
