using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Auth;

/// <summary>
/// Registered session keys (clearnode-rpc.md §5.7): string-exact on the key, one key per (wallet, application),
/// revocation sets the expiry to now and keeps the row so the key can never be registered again.
/// Callers hold the node's state lock.
/// </summary>
public sealed class SessionKeyStore : ISessionKeyDirectory
{
    private readonly Dictionary<string, StoredKey> _byKey = new(StringComparer.Ordinal);
    private uint _nextId = 1;

    /// <summary>A stored row: the public record plus its row id and the allowances in registration order.</summary>
    public sealed record StoredKey(uint Id, SessionKeyRecord Record, IReadOnlyList<RequestedAllowance> AllowanceList);

    /// <summary>Outcome of <see cref="CheckExisting"/>.</summary>
    public enum ExistingState
    {
        /// <summary>No row for this key.</summary>
        Unknown,
        /// <summary>An active row of the same wallet (reused as-is).</summary>
        ActiveForWallet,
        /// <summary>A row of the same wallet that expired or was revoked.</summary>
        ExpiredForWallet,
        /// <summary>A row of another wallet.</summary>
        OtherWallet,
    }

    /// <inheritdoc />
    public string? WalletFor(string signer, DateTimeOffset now) =>
        _byKey.TryGetValue(signer, out var row) && row.Record.IsActive(now) ? row.Record.Wallet : null;

    /// <inheritdoc />
    public SessionKeyRecord? Find(string sessionKey) => _byKey.GetValueOrDefault(sessionKey)?.Record;

    /// <summary>What <c>auth_verify</c> finds for (<paramref name="wallet"/>, <paramref name="key"/>).</summary>
    public ExistingState CheckExisting(string wallet, string key, DateTimeOffset now)
    {
        if (!_byKey.TryGetValue(key, out var row)) return ExistingState.Unknown;
        var record = row.Record;
        // A revoked key is only in the database (expired), which the Go node checks before the wallet.
        if (record.Revoked) return ExistingState.ExpiredForWallet;
        if (!string.Equals(record.Wallet, wallet, StringComparison.Ordinal)) return ExistingState.OtherWallet;
        return record.IsActive(now) ? ExistingState.ActiveForWallet : ExistingState.ExpiredForWallet;
    }

    /// <summary>Registers a key, replacing any key of the same (wallet, application).</summary>
    public SessionKeyRecord Register(string wallet, string key, string application, string scope,
        IReadOnlyList<RequestedAllowance> allowances, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        foreach (var old in _byKey.Values
                     .Where(r => r.Record.Wallet == wallet && r.Record.Application == application)
                     .Select(r => r.Record.Key).ToList())
        {
            _byKey.Remove(old);
        }

        var caps = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var allowance in allowances)
        {
            // The Go grammar accepts every text the default validation lets through, with the same value, and more (e.g. 1e100).
            if (!caps.ContainsKey(allowance.Asset) && GoDecimal.TryParse(allowance.Amount, out var amount))
                caps[allowance.Asset] = amount;
        }

        var record = new SessionKeyRecord(key, wallet, application, scope == "" ? "all" : scope,
            expiresAt, now, Revoked: false, caps);
        _byKey[key] = new StoredKey(_nextId++, record, allowances);
        return record;
    }

    /// <summary>Unexpired, unrevoked keys of <paramref name="wallet"/>, newest first.</summary>
    public IReadOnlyList<StoredKey> ActiveFor(string wallet, DateTimeOffset now) =>
        _byKey.Values.Where(r => r.Record.Wallet == wallet && r.Record.IsActive(now))
            .OrderByDescending(r => r.Record.CreatedAt).ThenByDescending(r => r.Id).ToList();

    /// <summary>Revokes <paramref name="key"/>: expiry becomes now, the key stops mapping to its wallet.</summary>
    public void Revoke(string key, DateTimeOffset now)
    {
        if (_byKey.TryGetValue(key, out var row))
            _byKey[key] = row with { Record = row.Record with { Revoked = true, ExpiresAt = now } };
    }
}
