using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The wait_push step: a push with the expected fields must reach every <c>to</c> wallet in time and no <c>not_to</c> wallet.</summary>
public sealed class PushWaitStep(CaseState state)
{
    /// <summary>Waits for the pushes and reports who missed one or got one they must not.</summary>
    public async Task<(Outcome, string)> WaitPushAsync(WaitPushStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var method = step.Method!;
        var fields = step.Fields.Select(f => (f.Key, Expected: JsonMatch.ToJson(f.Value, state))).ToList();
        bool Matches(RpcFrame f) => f.Method == method && !IsStale(f) && fields.All(x => JsonMatch.TryGet(f.Params, x.Key, out var v) && JsonMatch.Equal(x.Expected, v));
        var start = DateTimeOffset.UtcNow;
        var deadline = start.AddMilliseconds(step.WithinMs ?? state.Settings.PushTimeoutMs);
        var problems = new List<string>();
        if (step.BeforeResponse && (state.LastResponse is not { } sent || !step.To.Contains(sent.Connection)))
            problems.Add("before_response: the connection that sent the previous request step is not among to");
        var waits = step.To.Select(async w =>
        {
            var frame = await state.Connection(w).WaitPushAsync(Matches, deadline, ct).ConfigureAwait(false);
            return (w, frame);
        }).ToList();
        foreach (var (w, frame) in await Task.WhenAll(waits).ConfigureAwait(false))
        {
            if (frame is not null)
            {
                exchanges.Add(new Exchange($"{w} received {method}", null, frame.Text, DateTimeOffset.UtcNow));
                if (step.BeforeResponse && state.LastResponse is { } last && last.Connection == w
                    && frame.ReceivedTimestamp > last.Response.ReceivedTimestamp)
                    problems.Add($"{w} received {method} after the response to its request (pushes a request causes come first, clearnode-rpc.md §6.3)");
                continue;
            }
            var seen = state.Connection(w).RecentPushes();
            var sameMethod = seen.Where(f => f.Method == method).ToList();
            problems.Add(sameMethod.Count > 0
                ? $"{w} received {method} but not with the expected fields: {string.Join(" | ", sameMethod.Select(f => JsonMatch.Show(f.Params)))}"
                : $"{w} did not receive {method} within {(deadline - start).TotalMilliseconds:0} ms (received: {(seen.Count == 0 ? "nothing" : string.Join(", ", seen.Select(f => f.Method)))})");
        }
        if (step.NotTo.Count > 0)
        {
            var quietUntil = DateTimeOffset.UtcNow.AddMilliseconds(state.Settings.AbsenceWindowMs);
            foreach (var w in step.NotTo)
            {
                var frame = await state.Connection(w).WaitPushAsync(f => f.Method == method && !IsStale(f), quietUntil, ct).ConfigureAwait(false);
                if (frame is not null)
                {
                    exchanges.Add(new Exchange($"{w} received {method} (must not)", null, frame.Text, DateTimeOffset.UtcNow));
                    problems.Add($"{w} must not receive {method} but did: {JsonMatch.Show(frame.Params)}");
                }
            }
        }
        return problems.Count == 0
            ? (Outcome.Ok, $"{method} reached {(step.To.Count == 0 ? "nobody, as required" : string.Join(", ", step.To))}")
            : (Outcome.Failed, string.Join("; ", problems));
    }

    /// <summary>An asu for a session of this case that carries an older version than the model's is a late push of an
    /// earlier step, not something this step caused (pushes to other connections are not ordered with our responses).</summary>
    private bool IsStale(RpcFrame push)
    {
        if (push.Method != "asu" || push.Params?["app_session"] is not JsonObject session) return false;
        var id = JsonMatch.StringField(session, "app_session_id");
        if (id is null || session["version"] is not JsonValue vv || !vv.TryGetValue<long>(out var version)) return false;
        var model = state.Sessions.Values.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));
        return model is not null && version < model.Version;
    }
}
