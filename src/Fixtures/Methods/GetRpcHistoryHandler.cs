using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Routing;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_rpc_history</c> (private): the caller's stored history calls, 10 per page by default, at most 100.</summary>
public sealed class GetRpcHistoryHandler(RpcHistory history) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_rpc_history";

    /// <inheritdoc />
    public bool IsPrivate => true;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        if (!GoParams.TryFrom(call.Params, out var p)
            || !p.TryUInt("offset", uint.MaxValue, out var offset)
            || !p.TryUInt("limit", uint.MaxValue, out var limit)
            || !GoParams.TryString(p.Get("sort"), out var sort))
        {
            return MethodOutcome.Fail("failed to parse parameters");
        }
        var pageSize = limit == 0 ? 10 : (int)Math.Min(limit, 100);
        var rows = history.For(call.CallerWallet ?? "", sort.Equals("asc", StringComparison.OrdinalIgnoreCase),
            (int)Math.Min(offset, int.MaxValue), pageSize);

        var list = new JsonArray();
        foreach (var e in rows)
        {
            list.Add(new JsonObject
            {
                ["id"] = e.Id,
                ["sender"] = e.Sender,
                ["req_id"] = e.RequestId,
                ["method"] = e.Method,
                ["params"] = e.Params,
                ["timestamp"] = e.Timestamp,
                ["req_sig"] = new JsonArray(e.Signatures.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["response"] = e.Response,
                ["res_sig"] = new JsonArray(e.Signatures.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            });
        }
        return MethodOutcome.Ok(new JsonObject { ["rpc_entries"] = list });
    }
}
