namespace NitroConformance.Fixtures.State;

/// <summary>One ledger row: a credit or a debit of <paramref name="Asset"/> for <paramref name="Wallet"/> under <paramref name="AccountId"/>.</summary>
/// <param name="SessionKey">The session key that authorised a debit (counts toward its spending cap), or null.</param>
public sealed record LedgerEntry(
    long Id,
    string AccountId,
    string Wallet,
    string Asset,
    decimal Credit,
    decimal Debit,
    string? SessionKey,
    DateTimeOffset CreatedAt)
{
    /// <summary>Credit minus debit.</summary>
    public decimal Net => Credit - Debit;
}
