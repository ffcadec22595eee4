namespace NitroConformance.Fixtures.Auth;

/// <summary>An issued <c>auth_request</c> challenge and the params it was issued for.</summary>
public sealed class PendingChallenge
{
    /// <summary>The challenge token (lowercase UUID text).</summary>
    public required Guid Token { get; init; }

    /// <summary><c>address</c> as stored (<c>0x</c> prepended when missing).</summary>
    public required string Address { get; init; }

    /// <summary><c>session_key</c> as sent.</summary>
    public required string SessionKey { get; init; }

    /// <summary><c>application</c> as sent (the EIP-712 domain name).</summary>
    public required string Application { get; init; }

    /// <summary><c>allowances</c> as sent, in order.</summary>
    public required IReadOnlyList<RequestedAllowance> Allowances { get; init; }

    /// <summary><c>scope</c> as sent.</summary>
    public required string Scope { get; init; }

    /// <summary><c>expires_at</c> (Unix seconds) as sent.</summary>
    public required ulong SessionKeyExpiresAt { get; init; }

    /// <summary>When the challenge stops being usable.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>True once a signature verified against it.</summary>
    public bool Completed { get; set; }
}
