namespace NitroConformance.Fixtures.Node;

/// <summary>A registered session key: the wallet it acts for, its application, caps and lifetime.</summary>
/// <param name="Allowances">
/// Spending caps per asset symbol. An asset missing from the map (so every asset when it is empty) may not be spent
/// through the key at all: funding or depositing it fails with <c>operation denied: asset &lt;sym&gt; not allowed in session
/// key spending cap</c>, as in Go. Keys of the <c>clearnode</c> application are not capped.
/// </param>
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
