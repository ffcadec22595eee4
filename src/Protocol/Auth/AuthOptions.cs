using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Auth;

/// <summary>What an <c>auth_request</c> asks for: session key address (EIP-55), application, scope, spending caps, expiry in Unix seconds.</summary>
public sealed record AuthOptions(string SessionKey, string Application, string Scope, IReadOnlyList<Allowance> Allowances, ulong ExpiresAt);
