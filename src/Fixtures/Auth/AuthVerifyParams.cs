using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Auth;

/// <summary>The typed <c>auth_verify</c> params (clearnode-rpc.md §5.3): a UUID challenge and/or a JWT.</summary>
public sealed record AuthVerifyParams(Guid Challenge, string Jwt)
{
    /// <summary>Parses params; null on a type mismatch or a present-but-invalid challenge.</summary>
    public static AuthVerifyParams? TryParse(JsonNode parameters)
    {
        if (!GoParams.TryFrom(parameters, out var p)) return null;
        if (!p.TryString("jwt", out var jwt)) return null;
        var challengeNode = p.Get("challenge");
        var challenge = Guid.Empty;
        if (challengeNode is not null)
        {
            if (!GoParams.TryString(challengeNode, out var text) || !TryParseUuid(text, out challenge)) return null;
        }
        return new AuthVerifyParams(challenge, jwt);
    }

    // The UUID text forms Go's uuid package accepts: 36-char, urn:uuid:, braced, 32 hex digits.
    private static bool TryParseUuid(string text, out Guid value)
    {
        value = Guid.Empty;
        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) && text.Length == 45) text = text[9..];
        return text.Length switch
        {
            36 => Guid.TryParseExact(text, "D", out value),
            38 => Guid.TryParseExact(text, "B", out value),
            32 => Guid.TryParseExact(text, "N", out value),
            _ => false,
        };
    }
}
