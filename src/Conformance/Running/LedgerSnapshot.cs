using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Balances, shares and session states of a case at one moment, read over the wire.</summary>
public sealed record LedgerSnapshot(
    IReadOnlyDictionary<string, Dictionary<string, decimal>> Unified,
    IReadOnlyDictionary<string, Dictionary<string, decimal>> Shares,
    IReadOnlyDictionary<string, string> SessionStates)
{
    /// <summary>Reads every authenticated wallet's unified balance and share in every session, and each session's version/status/data.</summary>
    public static async Task<LedgerSnapshot> TakeAsync(CaseState state, TimeSpan timeout, CancellationToken ct)
    {
        var unified = new Dictionary<string, Dictionary<string, decimal>>();
        var shares = new Dictionary<string, Dictionary<string, decimal>>();
        var sessions = new Dictionary<string, string>();
        var tasks = new List<Task>();
        foreach (var wallet in state.Authenticated)
        {
            var conn = state.Connections[wallet];
            tasks.Add(Task.Run(async () =>
            {
                var u = await BalancesAsync(conn, null, timeout, ct).ConfigureAwait(false);
                lock (unified) unified[wallet] = u;
                foreach (var (name, s) in state.Sessions)
                {
                    var sh = await BalancesAsync(conn, s.Id, timeout, ct).ConfigureAwait(false);
                    lock (shares) shares[$"{wallet}@{name}"] = sh;
                }
            }, ct));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        foreach (var (name, s) in state.Sessions)
        {
            var entry = await SessionEntryAsync(state, s, timeout, ct).ConfigureAwait(false);
            sessions[name] = entry is null ? "(not listed)" : Describe(entry);
        }
        return new LedgerSnapshot(unified, shares, sessions);
    }

    /// <summary>get_ledger_balances on a connection (own unified balance, or own share in <paramref name="accountId"/>).</summary>
    public static async Task<Dictionary<string, decimal>> BalancesAsync(CaseConnection conn, string? accountId, TimeSpan timeout, CancellationToken ct)
    {
        var r = await conn.SendAsync(RpcMethods.GetLedgerBalances, Requests.GetLedgerBalances(accountId), [], 0, timeout, ct).ConfigureAwait(false);
        if (!r.Succeeded)
            throw new StepFailure(Outcomes.Outcome.Failed, $"{conn.Owner}: get_ledger_balances{(accountId is null ? "" : $" for {accountId}")} failed: {r.Error}");
        return Treasury.ReadBalances(r.Response.Params);
    }

    /// <summary>The session's entry in get_app_sessions (filtered by its first participant), or null.</summary>
    public static async Task<JsonObject?> SessionEntryAsync(CaseState state, SessionModel session, TimeSpan timeout, CancellationToken ct)
    {
        var conn = state.Connections.Values.FirstOrDefault()
            ?? throw new StepFailure(Outcomes.Outcome.Failed, "no connection to query get_app_sessions");
        var p = Requests.GetAppSessions(session.Participants.FirstOrDefault());
        p["limit"] = 100;
        var r = await conn.SendAsync(RpcMethods.GetAppSessions, p, [], 0, timeout, ct).ConfigureAwait(false);
        if (!r.Succeeded) throw new StepFailure(Outcomes.Outcome.Failed, $"get_app_sessions failed: {r.Error}");
        return (r.Response.Params as JsonObject)?["app_sessions"] is JsonArray arr
            ? arr.OfType<JsonObject>().FirstOrDefault(o => o["app_session_id"] is JsonValue v && v.TryGetValue<string>(out var id) && id == session.Id)
            : null;
    }

    private static string Describe(JsonObject entry) =>
        $"version={Text(entry["version"])}, status={Text(entry["status"])}, session_data={Text(entry["session_data"])}";

    private static string Text(JsonNode? n) => n is null ? "" : JsonMatch.ScalarText(n);

    /// <summary>Differences from <paramref name="after"/>, one line each; empty when equal.</summary>
    public IReadOnlyList<string> Diff(LedgerSnapshot after)
    {
        var lines = new List<string>();
        void Compare(string what, IReadOnlyDictionary<string, Dictionary<string, decimal>> a, IReadOnlyDictionary<string, Dictionary<string, decimal>> b)
        {
            foreach (var key in a.Keys.Union(b.Keys))
            {
                var x = a.GetValueOrDefault(key) ?? [];
                var y = b.GetValueOrDefault(key) ?? [];
                foreach (var asset in x.Keys.Union(y.Keys))
                    if (x.GetValueOrDefault(asset) != y.GetValueOrDefault(asset))
                        lines.Add($"{what} {key} {asset}: {x.GetValueOrDefault(asset).ToString(CultureInfo.InvariantCulture)} → {y.GetValueOrDefault(asset).ToString(CultureInfo.InvariantCulture)}");
            }
        }
        Compare("unified balance of", Unified, after.Unified);
        Compare("share of", Shares, after.Shares);
        foreach (var (name, text) in SessionStates)
            if (after.SessionStates.GetValueOrDefault(name) != text)
                lines.Add($"session {name}: {text} → {after.SessionStates.GetValueOrDefault(name)}");
        return lines;
    }

    /// <summary>Per-asset totals of unified balances and shares.</summary>
    public Dictionary<string, decimal> Totals()
    {
        var totals = new Dictionary<string, decimal>();
        foreach (var m in Unified.Values.Concat(Shares.Values))
            foreach (var (asset, amount) in m) totals[asset] = totals.GetValueOrDefault(asset) + amount;
        return totals;
    }
}
