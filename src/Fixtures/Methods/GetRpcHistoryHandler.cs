using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Routing;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_rpc_history</c> (private): the caller's stored history calls, 10 per page by default, at most 100.</summary>
public sealed class GetRpcHistoryHandler(RpcHistory history) : ParamsHandler<(uint Offset, uint Limit, string Sort)>("get_rpc_history", isPrivate: true)
{
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

        var list = JsonRows.Of(rows, e => new JsonObject
        {
            ["id"] = e.Id,
            ["sender"] = e.Sender,
            ["req_id"] = e.RequestId,
            ["method"] = e.Method,
            ["params"] = e.Params,
            ["timestamp"] = e.Timestamp,
            ["req_sig"] = JsonRows.Strings(e.Signatures),
            ["response"] = e.Response,
            ["res_sig"] = JsonRows.Strings(e.Signatures),
        });
        return MethodOutcome.Ok(new JsonObject { ["rpc_entries"] = list });
    }
}
