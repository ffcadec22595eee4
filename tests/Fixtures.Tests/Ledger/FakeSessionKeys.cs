using NitroConformance.Fixtures.Node;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.Tests.Ledger;

/// <summary>An in-memory session-key directory standing in for the auth part.</summary>
internal sealed class FakeSessionKeys(TimeProvider clock) : ISessionKeyDirectory
{
    private readonly Dictionary<string, SessionKeyRecord> _keys = new(StringComparer.Ordinal);

    public SessionKeyRecord Add(EthKey key, string wallet, string application, params (string Asset, decimal Cap)[] allowances)
    {
        var now = clock.GetUtcNow();
        var record = new SessionKeyRecord(key.Address, wallet, application, "all", now.AddHours(1), now, false,
            allowances.ToDictionary(a => a.Asset, a => a.Cap));
        _keys[key.Address] = record;
        return record;
    }

    public void Revoke(EthKey key) => _keys[key.Address] = _keys[key.Address] with { Revoked = true, ExpiresAt = clock.GetUtcNow() };

    public void Forget(EthKey key) => _keys.Remove(key.Address);

    public string? WalletFor(string signer, DateTimeOffset now) =>
        _keys.TryGetValue(signer, out var r) && r.IsActive(now) ? r.Wallet : null;

    public SessionKeyRecord? Find(string sessionKey) => _keys.GetValueOrDefault(sessionKey);
}
