namespace NitroConformance.Fixtures.Auth;

/// <summary>
/// Node-wide challenge table (clearnode-rpc.md §5.2, §5.4): capped, 5-minute challenges, one use each,
/// kept 30 s after use. Expired entries are purged when the table is full (the Go node sweeps every 10 min).
/// </summary>
public sealed class ChallengeStore(TimeProvider clock, int capacity, TimeSpan lifetime)
{
    private readonly Dictionary<Guid, PendingChallenge> _challenges = [];

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
        var now = clock.GetUtcNow();
        if (_challenges.Count >= capacity)
        {
            foreach (var stale in _challenges.Values.Where(c => now > c.ExpiresAt).Select(c => c.Token).ToList())
                _challenges.Remove(stale);
        }
        if (_challenges.Count >= capacity) return null;

        var challenge = new PendingChallenge
        {
            Token = Guid.NewGuid(),
            Address = address.StartsWith("0x", StringComparison.Ordinal) ? address : "0x" + address,
            SessionKey = sessionKey,
            Application = application,
            Allowances = allowances,
            Scope = scope,
            SessionKeyExpiresAt = expiresAt,
            ExpiresAt = now + lifetime,
        };
        _challenges[challenge.Token] = challenge;
        return challenge;
    }

    /// <summary>The stored challenge whatever its state, or null.</summary>
    public PendingChallenge? Find(Guid token) => _challenges.GetValueOrDefault(token);

    /// <summary>Checks signer, age and use in the Go node's order; marks the challenge used on success.</summary>
    public ValidationResult Validate(Guid token, string recoveredSigner)
    {
        if (!_challenges.TryGetValue(token, out var challenge)) return ValidationResult.NotFound;
        if (!string.Equals(challenge.Address, recoveredSigner, StringComparison.Ordinal)) return ValidationResult.AddressMismatch;
        var now = clock.GetUtcNow();
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

    /// <summary>Number of stored challenges.</summary>
    public int Count => _challenges.Count;
}
