namespace NitroConformance.Protocol.Crypto;

/// <summary>The EIP-712 "Policy" message a wallet signs in auth_verify; fields in the type's order.</summary>
/// <param name="Challenge">The challenge UUID text from auth_challenge.</param>
/// <param name="Scope">auth_request.scope (may be empty).</param>
/// <param name="Wallet">auth_request.address.</param>
/// <param name="SessionKey">auth_request.session_key.</param>
/// <param name="ExpiresAt">auth_request.expires_at in Unix seconds.</param>
/// <param name="Allowances">auth_request.allowances in request order.</param>
public sealed record AuthPolicy(
    string Challenge,
    string Scope,
    string Wallet,
    string SessionKey,
    ulong ExpiresAt,
    IReadOnlyList<Allowance> Allowances);
