namespace NitroConformance.Fixtures.Node;

/// <summary>A registered session key: the wallet it acts for, its application, caps and lifetime.</summary>
/// <param name="Allowances">Spending caps per asset; empty means "no allowance configured".</param>
public sealed record SessionKeyRecord(
    string Key,
    string Wallet,
    string Application,
    string Scope,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    bool Revoked,
    IReadOnlyDictionary<string, decimal> Allowances)
{
    /// <summary>True when the key is neither expired nor revoked at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => !Revoked && ExpiresAt > now;
}
