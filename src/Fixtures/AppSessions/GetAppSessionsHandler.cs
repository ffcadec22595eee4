using System.Text.Json.Nodes;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>get_app_sessions</c> (public): filter by participant/status, sort by <c>updated_at</c>, page.</summary>
public sealed class GetAppSessionsHandler(LedgerContext context) : ParamsHandler<GetAppSessionsHandler.QueryParams>("get_app_sessions", isPrivate: false)
{
    /// <summary>The Go <c>GetAppSessionParams</c>.</summary>
    public sealed record QueryParams(string Participant, string Status, ListOptions Options);

    /// <inheritdoc />
    protected override QueryParams Decode(ParamReader p) => new(p.String("participant"), p.String("status"), ListOptions.From(p));

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, QueryParams parameters)
    {
        var (participant, status, options) = parameters;
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
