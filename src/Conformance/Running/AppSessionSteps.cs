using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The app-session steps (create, submit, close): build the request from the scenario and keep the session model in step.</summary>
public sealed class AppSessionSteps(CaseState state, StepRequestSender sender)
{
    // Fresh nonces: unique within the run and unlikely to meet those of earlier runs against the same node.
    private static long _nonceSerial;
    private static readonly long NonceBase = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 % (1L << 52);

    /// <summary>create_app_session; checks the returned id against keccak256 of the definition.</summary>
    public async Task<(Outcome, string)> CreateAsync(CreateStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var def = state.Case.Scenario.Session.With(step.Definition);
        var names = def.Participants ?? [];
        var participants = names.Select(state.Address).ToList();
        var weights = def.Weights ?? [];
        var quorum = def.Quorum ?? 0;
        var challenge = def.Challenge ?? 0;
        var nonce = def.Nonce ?? NonceBase + Interlocked.Increment(ref _nonceSerial);
        var application = state.Render(def.Application ?? "conformance");
        var protocol = step.Protocol is null ? state.Case.Protocol : state.Render(step.Protocol);
        var allocations = def.Allocations ?? names.Select(n => new AllocationSpec(n, "usdc", "0")).ToList();

        var definition = new JsonObject
        {
            ["application"] = application,
            ["protocol"] = protocol,
            ["participants"] = new JsonArray(participants.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["weights"] = new JsonArray(weights.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
            ["quorum"] = quorum,
            ["challenge"] = challenge,
            ["nonce"] = nonce,
        };
        var p = new JsonObject { ["definition"] = definition, ["allocations"] = Allocations(allocations) };
        if (def.SessionData is not null) p["session_data"] = state.Render(def.SessionData);

        var signers = step.Signers ?? DefaultCreateSigners(allocations, names);
        var name = step.SaveAs ?? "main";
        string? expectedId = null;
        if (quorum >= 0 && challenge >= 0 && nonce >= 0)
            expectedId = AppSessionId.Compute(new AppDefinition(application, protocol, participants, weights, (ulong)quorum, (ulong)challenge, (ulong)nonce));
        var previous = state.Sessions.GetValueOrDefault(name);
        var model = new SessionModel
        {
            Id = expectedId ?? "",
            Version = 0,
            Protocol = protocol,
            Quorum = quorum,
            Participants = participants,
            ParticipantNames = names.Select(n => state.Wallets.ContainsKey(n) ? n : null).ToList(),
            Weights = weights,
        };
        state.Sessions[name] = model;
        var result = await sender.SendAsync(step, RpcMethods.CreateAppSession, p, signers, exchanges, ct, r =>
        {
            var returned = JsonMatch.StringField(r.Response.Params, "app_session_id");
            if (returned is not null && expectedId is not null && returned != expectedId)
                return $"app_session_id is {returned}, expected keccak256 of the definition = {expectedId}";
            model.Id = returned ?? model.Id;
            model.Version = 1;
            return null;
        }).ConfigureAwait(false);
        if (model.Version == 0)
        {
            // Not created: forget the model so later steps do not address a session that does not exist.
            if (previous is null) state.Sessions.Remove(name);
            else state.Sessions[name] = previous;
        }
        return result;
    }

    /// <summary>submit_app_state; the 0.4 form carries intent and version unless the step sends its fields as written.</summary>
    public async Task<(Outcome, string)> SubmitAsync(SubmitStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var s = state.Session(step.Session);
        var p = new JsonObject { ["app_session_id"] = s.Id };
        var v04 = s.Protocol == "NitroRPC/0.4";
        if (v04 || step.SendAsWritten)
        {
            var intent = step.Intent ?? (v04 ? "operate" : null);
            if (intent is not null) p["intent"] = state.Render(intent);
            var version = step.Version is null ? (v04 ? s.Version + 1 : null) : step.Version.Resolve(s.Version);
            if (version is not null) p["version"] = version.Value;
        }
        p["allocations"] = Allocations(step.Allocations ?? []);
        if (step.SessionData is not null) p["session_data"] = state.Render(step.SessionData);
        return await sender.SendAsync(step, RpcMethods.SubmitAppState, p, step.Signers ?? DefaultQuorumSigners(s), exchanges, ct, _ =>
        {
            s.Version++;
            return null;
        }).ConfigureAwait(false);
    }

    /// <summary>close_app_session with the final allocations.</summary>
    public async Task<(Outcome, string)> CloseAsync(CloseStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var s = state.Session(step.Session);
        var p = new JsonObject { ["app_session_id"] = s.Id, ["allocations"] = Allocations(step.Allocations ?? []) };
        if (step.SessionData is not null) p["session_data"] = state.Render(step.SessionData);
        return await sender.SendAsync(step, RpcMethods.CloseAppSession, p, step.Signers ?? DefaultQuorumSigners(s), exchanges, ct, _ =>
        {
            s.Version++;
            s.Status = "closed";
            return null;
        }).ConfigureAwait(false);
    }

    // Without signers: every wallet that funds the session, else the first participant that is a wallet of the case.
    private List<string> DefaultCreateSigners(IReadOnlyList<AllocationSpec> allocations, IReadOnlyList<string> participants)
    {
        var funders = allocations
            .Where(a => state.Wallets.ContainsKey(a.Participant) && decimal.TryParse(state.Render(a.Amount), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0)
            .Select(a => a.Participant).Distinct().ToList();
        if (funders.Count > 0) return funders;
        return participants.Where(state.Wallets.ContainsKey).Take(1).ToList();
    }

    // Without signers: participants in definition order until their weights reach the quorum.
    private static List<string> DefaultQuorumSigners(SessionModel s)
    {
        var list = new List<string>();
        long sum = 0;
        for (var i = 0; i < s.Participants.Count && sum < s.Quorum; i++)
        {
            if (s.ParticipantNames[i] is not { } n || list.Contains(n)) continue;
            list.Add(n);
            sum += i < s.Weights.Count ? s.Weights[i] : 0;
        }
        return list;
    }

    private JsonArray Allocations(IEnumerable<AllocationSpec> allocations) =>
        new(allocations.Select(a => (JsonNode?)new JsonObject
        {
            ["participant"] = state.Address(a.Participant),
            ["asset"] = state.Settings.Asset(state.Render(a.Asset)),
            ["amount"] = state.Render(a.Amount),
        }).ToArray());
}
