using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Auth;

/// <summary>The typed <c>auth_verify</c> params (clearnode-rpc.md §5.3): a UUID challenge and/or a JWT.</summary>
public sealed record AuthVerifyParams(Guid Challenge, string Jwt)
{
    /// <summary>Parses params; null on a type mismatch or a present-but-invalid challenge.</summary>
    public static AuthVerifyParams? TryParse(JsonNode parameters) =>
        ParamReader.TryDecode(parameters, p =>
        {
            var jwt = p.String("jwt");
            var challenge = Guid.Empty;
            // uuid.UUID decodes from a string; a missing or null key leaves the zero UUID.
            if (p.OptionalString("challenge") is { } text && !TryParseUuid(text, out challenge)) throw new ParamDecodeException("challenge");
            return new AuthVerifyParams(challenge, jwt);
        });

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
