namespace NitroConformance.Fixtures.Auth;

/// <summary>Per-wallet auth sessions with a sliding lifetime (24 h in the Go node; clearnode-rpc.md §5.1, §5.6).</summary>
public sealed class AuthSessionTable(TimeProvider clock, TimeSpan lifetime)
{
    private readonly Dictionary<string, DateTimeOffset> _lastActive = new(StringComparer.Ordinal);

    /// <summary>Creates or refreshes the wallet's session.</summary>
    public void Register(string wallet) => _lastActive[wallet] = clock.GetUtcNow();

    /// <summary>True when the wallet's session was active within the lifetime.</summary>
    public bool IsValid(string wallet) =>
        _lastActive.TryGetValue(wallet, out var last) && clock.GetUtcNow() <= last + lifetime;

    /// <summary>Refreshes an existing session; false when there is none.</summary>
    public bool Touch(string wallet)
    {
        if (!_lastActive.ContainsKey(wallet)) return false;
        _lastActive[wallet] = clock.GetUtcNow();
        return true;
    }

    /// <summary>Forgets every session (a restarted Go node keeps them only in memory).</summary>
    public void Clear() => _lastActive.Clear();
}
