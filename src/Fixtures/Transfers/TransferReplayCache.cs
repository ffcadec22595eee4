namespace NitroConformance.Fixtures.Transfers;

/// <summary>Raw <c>req</c> texts of successful transfers, each refused again until <paramref name="window"/> after it succeeded.</summary>
/// <param name="window">60 s by default; the timestamp window under the Go profile (message_cache.go, rpc_router.go ~l.56).</param>
public sealed class TransferReplayCache(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);

    /// <summary>How long a processed transfer blocks identical bytes.</summary>
    public TimeSpan Window => window;

    /// <summary>True when these exact bytes succeeded and the window has not passed at <paramref name="now"/>.</summary>
    public bool Seen(string rawReq, DateTimeOffset now) => _expiry.TryGetValue(rawReq, out var until) && now <= until;

    /// <summary>Remembers a successful transfer.</summary>
    public void Add(string rawReq, DateTimeOffset now)
    {
        foreach (var stale in _expiry.Where(e => e.Value < now).Select(e => e.Key).ToList()) _expiry.Remove(stale);
        _expiry[rawReq] = now + window;
    }
}
