namespace NitroConformance.Protocol.Auth;

/// <summary>A successful <c>auth_verify</c>: the JWT (the one presented on the JWT path), the session key and the wallet address the server bound.</summary>
public sealed record AuthResult(string Jwt, string SessionKey, string Address);
