using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Auth;

/// <summary>
/// Issues and verifies the <c>auth_verify</c> JWT. Claims follow the Go node (policy, iss <c>clearnode</c>,
/// exp/nbf/iat, 24 h lifetime); the token is HS256 with a random per-node secret because clients treat it as
/// opaque and only this node has to read it back (clearnode-rpc.md §5.5).
/// </summary>
public sealed class JwtCodec(TimeProvider clock, TimeSpan lifetime)
{
    private const string Issuer = "clearnode";
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    /// <summary>Signs a token for <paramref name="policy"/>.</summary>
    public string Issue(AuthPolicyState policy)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var allowances = new JsonArray();
        foreach (var a in policy.Allowances) allowances.Add(new JsonObject { ["asset"] = a.Asset, ["amount"] = a.Amount });
        var claims = new JsonObject
        {
            ["policy"] = new JsonObject
            {
                ["wallet"] = policy.Wallet,
                ["session_key"] = policy.SessionKey,
                ["scope"] = policy.Scope,
                ["application"] = policy.Application,
                ["allowance"] = allowances,
                ["expiration"] = policy.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            },
            ["iss"] = Issuer,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["nbf"] = now,
            ["iat"] = now,
        };
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signingInput = header + "." + payload;
        return signingInput + "." + Base64Url(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Verifies signature, issuer and lifetime; returns the policy or null.</summary>
    public AuthPolicyState? Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        var expected = HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        var given = FromBase64Url(parts[2]);
        if (given is null || !CryptographicOperations.FixedTimeEquals(expected, given)) return null;
        var payload = FromBase64Url(parts[1]);
        if (payload is null) return null;
        try
        {
            var claims = JsonNode.Parse(payload)!.AsObject();
            if ((string?)claims["iss"] != Issuer) return null;
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            if ((long)claims["exp"]! < now || (long)claims["nbf"]! > now) return null;
            var p = claims["policy"]!.AsObject();
            var allowances = p["allowance"]!.AsArray()
                .Select(a => new RequestedAllowance((string)a!["asset"]!, (string)a["amount"]!)).ToList();
            return new AuthPolicyState((string)p["wallet"]!, (string)p["session_key"]!, (string)p["scope"]!,
                (string)p["application"]!, allowances, DateTimeOffset.Parse((string)p["expiration"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = (s.Length % 4) switch { 2 => s + "==", 3 => s + "=", _ => s };
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
