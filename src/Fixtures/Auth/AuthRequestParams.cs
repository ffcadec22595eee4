using System.Text.Json;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Auth;

/// <summary>The typed <c>auth_request</c> params (clearnode-rpc.md §5.2); every key optional, types enforced.</summary>
public sealed record AuthRequestParams(string Address, string SessionKey, string Application,
    IReadOnlyList<RequestedAllowance> Allowances, ulong ExpiresAt, string Scope)
{
    /// <summary>Parses params; null on a type mismatch or when params are not an object.</summary>
    public static AuthRequestParams? TryParse(JsonNode parameters)
    {
        if (!GoParams.TryFrom(parameters, out var p)) return null;
        if (!p.TryString("address", out var address) || !p.TryString("session_key", out var sessionKey)
            || !p.TryString("application", out var application) || !p.TryString("scope", out var scope)
            || !p.TryUInt("expires_at", ulong.MaxValue, out var expiresAt))
        {
            return null;
        }

        var allowances = new List<RequestedAllowance>();
        var list = p.Get("allowances");
        if (list is not null)
        {
            if (list is not JsonArray array) return null;
            foreach (var item in array)
            {
                if (item is null)
                {
                    allowances.Add(new RequestedAllowance("", ""));
                    continue;
                }
                if (item.GetValueKind() != JsonValueKind.Object || !GoParams.TryFrom(item, out var entry)) return null;
                if (!entry.TryString("asset", out var asset) || !entry.TryString("amount", out var amount)) return null;
                allowances.Add(new RequestedAllowance(asset, amount));
            }
        }
        return new AuthRequestParams(address, sessionKey, application, allowances, expiresAt, scope);
    }
}
