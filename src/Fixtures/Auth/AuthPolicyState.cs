namespace NitroConformance.Fixtures.Auth;

/// <summary>One requested allowance exactly as sent in <c>auth_request</c> (amount text verbatim).</summary>
public sealed record RequestedAllowance(string Asset, string Amount);

/// <summary>The policy a connection is authenticated with (what the Go node keeps per connection and in the JWT).</summary>
public sealed record AuthPolicyState(
    string Wallet,
    string SessionKey,
    string Scope,
    string Application,
    IReadOnlyList<RequestedAllowance> Allowances,
    DateTimeOffset ExpiresAt);
