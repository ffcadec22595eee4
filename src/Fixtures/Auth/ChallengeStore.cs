namespace NitroConformance.Fixtures.Auth;

/// <summary>
/// Node-wide challenge table (clearnode-rpc.md §5.2, §5.4): capped, 5-minute challenges, one use each, kept 30 s after
/// use. By default expired entries are purged when the table is full; with a sweep interval (the Go profile) they are
/// removed only by a sweep every interval after start, as the Go node's ticker does (auth.go ~l.61, 106-109, 286-296).
/// </summary>
public sealed class ChallengeStore
{
    /// <summary>The Go node's sweep period (auth.go ~l.61: a 10-minute ticker).</summary>
    public static readonly TimeSpan GoSweepInterval = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Guid, PendingChallenge> _challenges = [];
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan? _sweepInterval;
    private DateTimeOffset _nextSweep;

    /// <summary>A table of at most <paramref name="capacity"/> challenges; <paramref name="sweepInterval"/> null purges when full.</summary>
    public ChallengeStore(TimeProvider clock, int capacity, TimeSpan lifetime, TimeSpan? sweepInterval = null)
    {
        _clock = clock;
        _capacity = capacity;
        _lifetime = lifetime;
        _sweepInterval = sweepInterval;
        _nextSweep = clock.GetUtcNow() + (sweepInterval ?? TimeSpan.Zero);
    }

    /// <summary>Outcome of <see cref="Validate"/>.</summary>
    public enum ValidationResult
    {
        /// <summary>Signer matched, challenge fresh and unused; now marked used.</summary>
        Ok,
        /// <summary>No such challenge.</summary>
        NotFound,
        /// <summary>Signer differs from the stored address (challenge kept).</summary>
        AddressMismatch,
        /// <summary>Challenge older than its lifetime (deleted).</summary>
        Expired,
        /// <summary>Challenge already used (deleted).</summary>
        AlreadyUsed,
    }

    /// <summary>Stores a new challenge; null when the table is full.</summary>
    public PendingChallenge? Issue(string address, string sessionKey, string application,
        IReadOnlyList<RequestedAllowance> allowances, string scope, ulong expiresAt)
    {
        var now = _clock.GetUtcNow();
        SweepIfDue(now);
        if (_challenges.Count >= _capacity && _sweepInterval is null) RemoveExpired(now);
        if (_challenges.Count >= _capacity) return null;

        var challenge = new PendingChallenge
        {
            Token = Guid.NewGuid(),
            Address = address.StartsWith("0x", StringComparison.Ordinal) ? address : "0x" + address,
            SessionKey = sessionKey,
            Application = application,
            Allowances = allowances,
            Scope = scope,
            SessionKeyExpiresAt = expiresAt,
            ExpiresAt = now + _lifetime,
        };
        _challenges[challenge.Token] = challenge;
        return challenge;
    }

    /// <summary>The stored challenge whatever its state, or null.</summary>
    public PendingChallenge? Find(Guid token)
    {
        SweepIfDue(_clock.GetUtcNow());
        return _challenges.GetValueOrDefault(token);
    }

    /// <summary>Checks signer, age and use in the Go node's order; marks the challenge used on success.</summary>
    public ValidationResult Validate(Guid token, string recoveredSigner)
    {
        var now = _clock.GetUtcNow();
        SweepIfDue(now);
        if (!_challenges.TryGetValue(token, out var challenge)) return ValidationResult.NotFound;
        if (!string.Equals(challenge.Address, recoveredSigner, StringComparison.Ordinal)) return ValidationResult.AddressMismatch;
        if (now > challenge.ExpiresAt)
        {
            _challenges.Remove(token);
            return ValidationResult.Expired;
        }
        if (challenge.Completed)
        {
            _challenges.Remove(token);
            return ValidationResult.AlreadyUsed;
        }
        challenge.Completed = true;
        challenge.ExpiresAt = now + TimeSpan.FromSeconds(30);
        return ValidationResult.Ok;
    }

    /// <summary>Number of stored challenges (used ones included until they are purged).</summary>
    public int Count
    {
        get
        {
            SweepIfDue(_clock.GetUtcNow());
            return _challenges.Count;
        }
    }

    /// <summary>Forgets every challenge and restarts the sweep ticker (a restarted Go node keeps them only in memory).</summary>
    public void Clear()
    {
        _challenges.Clear();
        _nextSweep = _clock.GetUtcNow() + (_sweepInterval ?? TimeSpan.Zero);
    }

    // The sweeps that a ticker started with the node would have run by now, each judging expiry at its own tick time.
    private void SweepIfDue(DateTimeOffset now)
    {
        if (_sweepInterval is not { } interval) return;
        while (now >= _nextSweep)
        {
            RemoveExpired(_nextSweep);
            _nextSweep += interval;
        }
    }

    private void RemoveExpired(DateTimeOffset at)
    {
        foreach (var stale in _challenges.Values.Where(c => at > c.ExpiresAt).Select(c => c.Token).ToList())
            _challenges.Remove(stale);
    }
}
