using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Ledger;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>get_app_sessions</c> (public): filter by participant/status, sort by <c>updated_at</c>, page.</summary>
public sealed class GetAppSessionsHandler(LedgerContext context) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_app_sessions";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        string participant, status;
        ListOptions options;
        try
        {
            var p = ParamReader.From(call.Params);
            participant = p.String("participant");
            status = p.String("status");
            options = ListOptions.From(p);
        }
        catch (ParamDecodeException)
        {
            return MethodOutcome.Fail("failed to parse parameters");
        }
        if (options.Descending(byDefault: true) is not { } descending) return MethodOutcome.Fail("failed to get application sessions");

        var rows = context.State.AppSessions.Where(s =>
            (participant == "" || s.Participants.Contains(participant, StringComparer.Ordinal)) && (status == "" || s.Status == status));
        var ordered = descending
            ? rows.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Sequence)
            : rows.OrderBy(s => s.UpdatedAt).ThenBy(s => s.Sequence);
        var list = new JsonArray();
        foreach (var s in options.Page(ordered)) list.Add(AppSessionJson.Session(s, s.Application));
        return MethodOutcome.Ok(new JsonObject { ["app_sessions"] = list });
    }
}
