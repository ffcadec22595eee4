using NitroConformance.Fixtures.Params;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>JSON shapes of app-session results and pushes, keys in the Go structs' order.</summary>
public static class AppSessionJson
{
    /// <summary>
    /// The create/submit/close result: only id, status and version are meaningful, every other field is emitted
    /// with its zero value (<c>session_data</c> is omitted because it is empty).
    /// </summary>
    public static JsonObject MutationResult(string sessionId, string status, ulong version) => new()
    {
        ["app_session_id"] = sessionId,
        ["application"] = "",
        ["status"] = status,
        ["participants"] = null,
        ["protocol"] = "",
        ["challenge"] = 0,
        ["weights"] = null,
        ["quorum"] = 0,
        ["version"] = version,
        ["nonce"] = 0,
        ["created_at"] = "",
        ["updated_at"] = "",
    };

    /// <summary>
    /// A full session object (<c>get_app_sessions</c> items and <c>asu.app_session</c>); <paramref name="application"/>
    /// is what the caller fills (the Go node leaves it blank in <c>asu</c>).
    /// </summary>
    public static JsonObject Session(AppSessionRecord s, string application)
    {
        var o = new JsonObject
        {
            ["app_session_id"] = s.SessionId,
            ["application"] = application,
            ["status"] = s.Status,
            ["participants"] = new JsonArray(s.Participants.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        };
        if (s.SessionData.Length > 0) o["session_data"] = s.SessionData;
        o["protocol"] = s.Protocol;
        o["challenge"] = s.Challenge;
        o["weights"] = new JsonArray(s.Weights.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray());
        o["quorum"] = s.Quorum;
        o["version"] = s.Version;
        o["nonce"] = s.Nonce;
        o["created_at"] = GoTime.Rfc3339(s.CreatedAt);
        o["updated_at"] = GoTime.Rfc3339(s.UpdatedAt);
        return o;
    }

    /// <summary>
    /// The <c>asu</c> payload: the session (application blank) and every non-zero share, grouped by participant. Go
    /// builds the list from a map of maps (app_session_service.go ~l.808-822), so participants and their assets come in
    /// the ledger's <see cref="NodeLedgerState.Order"/>.
    /// </summary>
    public static JsonObject AsuPayload(NodeLedgerState state, AppSessionRecord s)
    {
        var allocations = new JsonArray();
        foreach (var participant in state.Order.Arrange(s.Participants.Distinct(StringComparer.Ordinal)))
        {
            foreach (var share in state.Balances(s.SessionId, participant))
            {
                if (share.Amount == 0m) continue;
                allocations.Add(new JsonObject
                {
                    ["participant"] = participant,
                    ["asset"] = share.Asset,
                    ["amount"] = GoDecimal.Format(share.Amount),
                });
            }
        }
        return new JsonObject { ["app_session"] = Session(s, ""), ["participant_allocations"] = allocations };
    }

    /// <summary>The <c>get_app_definition</c> result (application always blank, as the Go node leaves it).</summary>
    public static JsonObject Definition(AppSessionRecord s) => new()
    {
        ["application"] = "",
        ["protocol"] = s.Protocol,
        ["participants"] = new JsonArray(s.Participants.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        ["weights"] = new JsonArray(s.Weights.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        ["quorum"] = s.Quorum,
        ["challenge"] = s.Challenge,
        ["nonce"] = s.Nonce,
    };
}
