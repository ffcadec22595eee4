using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Auth;

/// <summary>The typed <c>auth_request</c> params (clearnode-rpc.md §5.2); every key optional, types enforced.</summary>
public sealed record AuthRequestParams(string Address, string SessionKey, string Application,
    IReadOnlyList<RequestedAllowance> Allowances, ulong ExpiresAt, string Scope)
{
    /// <summary>Parses params; null on a type mismatch or when params are not an object.</summary>
    public static AuthRequestParams? TryParse(JsonNode parameters) =>
        ParamReader.TryDecode(parameters, p => new AuthRequestParams(p.String("address"), p.String("session_key"),
            p.String("application"),
            p.Objects("allowances").Select(a => new RequestedAllowance(a.String("asset"), a.String("amount"))).ToList(),
            p.UInt64("expires_at"), p.String("scope")));
}
