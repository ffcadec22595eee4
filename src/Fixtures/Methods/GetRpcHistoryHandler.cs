using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Routing;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_rpc_history</c> (private): the caller's stored history calls, 10 per page by default, at most 100.</summary>
public sealed class GetRpcHistoryHandler(RpcHistory history) : ParamsHandler<(uint Offset, uint Limit, string Sort)>
{
    /// <inheritdoc />
    public override string Method => "get_rpc_history";

    /// <inheritdoc />
    public override bool IsPrivate => true;

    /// <inheritdoc />
    protected override (uint Offset, uint Limit, string Sort) Decode(ParamReader p) =>
        (p.UInt32("offset"), p.UInt32("limit"), p.String("sort"));

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, (uint Offset, uint Limit, string Sort) page)
    {
        var (offset, limit, sort) = page;
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
