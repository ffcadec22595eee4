using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_session_keys</c> (private): the caller's active keys, newest first (clearnode-rpc.md §7).</summary>
public sealed class GetSessionKeysHandler(NodeRuntime node) : ParamsHandler<(uint Offset, uint Limit)>("get_session_keys", isPrivate: true)
{
    /// <inheritdoc />
    protected override (uint Offset, uint Limit) Decode(ParamReader p)
    {
        // sort is decoded (so its type is checked) but not used.
        _ = p.String("sort");
        return (p.UInt32("offset"), p.UInt32("limit"));
    }

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, (uint Offset, uint Limit) page)
    {
        var (offset, limit) = page;

        IEnumerable<Auth.SessionKeyStore.StoredKey> keys = node.SessionKeys.ActiveFor(call.CallerWallet ?? "", call.Now);
        // Limit and offset only apply when positive; there is no default page size here.
        if (offset > 0) keys = keys.Skip((int)Math.Min(offset, int.MaxValue));
        if (limit > 0) keys = keys.Take((int)Math.Min(limit, int.MaxValue));

        var list = new JsonArray();
        foreach (var row in keys)
        {
            var allowances = new JsonArray();
            foreach (var a in row.AllowanceList)
            {
                GoDecimal.TryParseInRange(a.Amount, out var cap);
                allowances.Add(new JsonObject
                {
                    ["asset"] = a.Asset,
                    ["allowance"] = GoDecimal.Format(cap),
                    ["used"] = GoDecimal.Format(node.SessionKeyUsage(row.Record.Key, a.Asset)),
                });
            }
            var entry = new JsonObject
            {
                ["id"] = row.Id,
                ["session_key"] = row.Record.Key,
                ["application"] = row.Record.Application,
                ["allowances"] = allowances,
            };
            if (row.Record.Scope != "") entry["scope"] = row.Record.Scope;
            entry["expires_at"] = GoTime.Rfc3339Nano(row.Record.ExpiresAt);
            entry["created_at"] = GoTime.Rfc3339Nano(row.Record.CreatedAt);
            list.Add(entry);
        }
        return MethodOutcome.Ok(new JsonObject { ["session_keys"] = list });
    }
}
