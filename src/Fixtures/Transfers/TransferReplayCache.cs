namespace NitroConformance.Fixtures.Transfers;

/// <summary>Raw <c>req</c> texts of successful transfers, each refused again until 60 s after it succeeded.</summary>
public sealed class TransferReplayCache
{
    /// <summary>How long a processed transfer blocks identical bytes (the Go node's <c>MSG_EXPIRY_TIME</c> default).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);

    /// <summary>True when these exact bytes succeeded and the window has not passed at <paramref name="now"/>.</summary>
    public bool Seen(string rawReq, DateTimeOffset now) => _expiry.TryGetValue(rawReq, out var until) && now <= until;

    /// <summary>Remembers a successful transfer.</summary>
    public void Add(string rawReq, DateTimeOffset now)
    {
        foreach (var stale in _expiry.Where(e => e.Value < now).Select(e => e.Key).ToList()) _expiry.Remove(stale);
        _expiry[rawReq] = now + Window;
    }
}
