using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Executes one scenario step against the target and judges the answer.</summary>
public sealed class StepExecutor(CaseState state)
{
    private static long _nonceSerial;
    private static readonly long NonceBase = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 % (1L << 52);

    private RunSettingsView S => new(state);

    /// <summary>Runs <paramref name="step"/>; returns its outcome and message, recording frames in <paramref name="exchanges"/>.</summary>
    public Task<(Outcome, string)> RunAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct) => step.Do switch
    {
        "create" => CreateAsync(step, exchanges, ct),
        "submit" => SubmitAsync(step, exchanges, ct),
        "close" => CloseAsync(step, exchanges, ct),
        "transfer" => TransferAsync(step, exchanges, ct),
        "query" or "request" => GenericAsync(step, exchanges, ct),
        "raw" => RawAsync(step, exchanges, ct),
        "check" => CheckAsync(step, exchanges, ct),
        "wait_push" => WaitPushAsync(step, exchanges, ct),
        "auth" => AuthAsync(step, exchanges, ct),
        "reauth" => ReauthAsync(step, exchanges, ct),
        "revoke" => RevokeAsync(step, exchanges, ct),
        _ => throw new StepFailure(Outcome.Failed, $"unknown action '{step.Do}'"),
    };

    private readonly record struct RunSettingsView(CaseState State)
    {
        public TimeSpan Request(StepSpec step) => TimeSpan.FromMilliseconds(step.TimeoutMs ?? State.Settings.RequestTimeoutMs);
    }

    // ---- app sessions ----

    private async Task<(Outcome, string)> CreateAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
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
        var result = await RequestAsync(step, RpcMethods.CreateAppSession, p, signers, exchanges, ct, r =>
        {
            var returned = Str(r.Response.Params, "app_session_id");
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

    private List<string> DefaultCreateSigners(IReadOnlyList<AllocationSpec> allocations, IReadOnlyList<string> participants)
    {
        var funders = allocations
            .Where(a => state.Wallets.ContainsKey(a.Participant) && decimal.TryParse(state.Render(a.Amount), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0)
            .Select(a => a.Participant).Distinct().ToList();
        if (funders.Count > 0) return funders;
        return participants.Where(state.Wallets.ContainsKey).Take(1).ToList();
    }

    private List<string> DefaultQuorumSigners(SessionModel s)
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

    private async Task<(Outcome, string)> SubmitAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
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
        p["allocations"] = Allocations(step.Definition.Allocations ?? []);
        if (step.Definition.SessionData is not null) p["session_data"] = state.Render(step.Definition.SessionData);
        return await RequestAsync(step, RpcMethods.SubmitAppState, p, step.Signers ?? DefaultQuorumSigners(s), exchanges, ct, _ =>
        {
            s.Version++;
            return null;
        }).ConfigureAwait(false);
    }

    private async Task<(Outcome, string)> CloseAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var s = state.Session(step.Session);
        var p = new JsonObject { ["app_session_id"] = s.Id, ["allocations"] = Allocations(step.Definition.Allocations ?? []) };
        if (step.Definition.SessionData is not null) p["session_data"] = state.Render(step.Definition.SessionData);
        return await RequestAsync(step, RpcMethods.CloseAppSession, p, step.Signers ?? DefaultQuorumSigners(s), exchanges, ct, _ =>
        {
            s.Version++;
            s.Status = "closed";
            return null;
        }).ConfigureAwait(false);
    }

    private JsonArray Allocations(IEnumerable<AllocationSpec> allocations) =>
        new(allocations.Select(a => (JsonNode?)new JsonObject
        {
            ["participant"] = state.Address(a.Participant),
            ["asset"] = state.Settings.Asset(state.Render(a.Asset)),
            ["amount"] = state.Render(a.Amount),
        }).ToArray());

    // ---- other requests ----

    private async Task<(Outcome, string)> TransferAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var allocations = step.TransferAllocations
            .Select(a => new TransferAllocation(state.Settings.Asset(state.Render(a.Asset)), state.Render(a.Amount))).ToList();
        var p = Requests.Transfer(step.To.Count > 0 ? state.Address(step.To[0]) : null, allocations,
            step.ToTag is null ? null : state.Render(step.ToTag));
        var sender = step.As ?? (step.Signers is { Count: > 0 } sg ? CaseState.OwnerOf(sg[0]) : state.Case.Scenario.Wallets[0].Name);
        return await RequestAsync(step with { As = sender }, RpcMethods.Transfer, p, step.Signers ?? [sender], exchanges, ct, null).ConfigureAwait(false);
    }

    private async Task<(Outcome, string)> GenericAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var p = step.Params is null ? new JsonObject() : JsonMatch.ToJson(step.Params, state) ?? JsonValue.Create((string?)null);
        return await RequestAsync(step, state.Render(step.Method!), p!, step.Signers ?? [], exchanges, ct, null).ConfigureAwait(false);
    }

    private async Task<(Outcome, string)> RevokeAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var target = step.RevokeTarget!;
        var address = target.EndsWith(".key", StringComparison.Ordinal) ? state.Signer(target).Address : state.Address(target);
        var sender = step.As ?? (step.Signers is { Count: > 0 } sg ? CaseState.OwnerOf(sg[0]) : state.Case.Scenario.Wallets[0].Name);
        return await RequestAsync(step with { As = sender }, RpcMethods.RevokeSessionKey, new JsonObject { ["session_key"] = address },
            step.Signers ?? [sender], exchanges, ct, null).ConfigureAwait(false);
    }

    private async Task<(Outcome, string)> RawAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var frame = state.Render(step.Frame!);
        ResetAllPushes();
        if (step.Connection == "anonymous")
        {
            await using var conn = await WalletConnection.OpenAsync("anonymous", state.Target.Url, state.Target.BrokerAddress,
                state.Settings.ConnectTimeoutMs, state.Settings.RequestTimeoutMs, ct).ConfigureAwait(false);
            var r = await conn.SendRawAsync(frame, S.Request(step), ct).ConfigureAwait(false);
            exchanges.Add(new Exchange("raw (anonymous)", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
            return Judge(step, r, null);
        }
        var owner = step.Connection ?? step.As ?? FirstConnected();
        var c = Connection(owner);
        var res = await c.SendRawAsync(frame, S.Request(step), ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"raw ({owner})", res.RequestFrame, res.ResponseFrame, DateTimeOffset.UtcNow));
        return Judge(step, res, null);
    }

    // ---- auth ----

    private async Task<(Outcome, string)> AuthAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var wallet = step.As ?? state.Case.Scenario.Wallets[0].Name;
        var conn = Connection(wallet);
        var snapshot = await SnapshotIfNeededAsync(step, ct).ConfigureAwait(false);
        ResetAllPushes();
        var attempt = await Authenticator.AuthenticateAsync(state, conn, wallet, step.AuthSessionKey, step.AuthWithoutKey, step.AuthSigner,
            step.AuthAddress, exchanges, S.Request(step), ct).ConfigureAwait(false);
        var judged = Judge(step, attempt.Outcome, _ =>
        {
            state.Authenticated.Add(wallet);
            if (step.SaveKey && attempt.SessionKey is not null) state.SessionKeys[wallet] = attempt.SessionKey;
            if (attempt.Jwt is not null) state.Jwts[wallet] = attempt.Jwt;
            return null;
        });
        return await UnchangedAsync(step, snapshot, judged, ct).ConfigureAwait(false);
    }

    private async Task<(Outcome, string)> ReauthAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var wallet = step.As ?? state.Case.Scenario.Wallets[0].Name;
        string jwt;
        if (step.Jwt is null or "saved")
            jwt = state.Jwts.TryGetValue(wallet, out var saved) ? saved
                : throw new StepFailure(Outcome.Failed, $"{wallet} has no saved JWT (the target returned none at authentication)");
        else jwt = state.Render(step.Jwt);
        var p = Requests.AuthVerifyJwt(jwt);
        if (step.Connection is "same")
            return await RequestAsync(step with { As = wallet }, RpcMethods.AuthVerify, p, [], exchanges, ct, null).ConfigureAwait(false);
        await using var conn = await WalletConnection.OpenAsync($"{wallet} (fresh)", state.Target.Url, state.Target.BrokerAddress,
            state.Settings.ConnectTimeoutMs, state.Settings.RequestTimeoutMs, ct).ConfigureAwait(false);
        var r = await conn.SendAsync(RpcMethods.AuthVerify, p, [], step.TimestampOffsetMs, S.Request(step), ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{wallet} (fresh connection): auth_verify jwt", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
        return Judge(step, r, null);
    }

    // ---- checks and pushes ----

    private async Task<(Outcome, string)> CheckAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var timeout = S.Request(step);
        var problems = new List<string>();
        foreach (var (wallet, expected) in step.Balances ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
        {
            var actual = await LedgerSnapshot.BalancesAsync(Connection(wallet), null, timeout, ct).ConfigureAwait(false);
            Compare($"unified balance of {wallet}", expected, actual, problems);
        }
        if (step.Shares is { } shares)
        {
            var s = state.Session(step.Session);
            foreach (var (wallet, expected) in shares)
            {
                var actual = await LedgerSnapshot.BalancesAsync(Connection(wallet), s.Id, timeout, ct).ConfigureAwait(false);
                Compare($"share of {wallet} in {step.Session}", expected, actual, problems);
            }
        }
        if (step.SessionState is { } st)
        {
            var s = state.Session(step.Session);
            var entry = await LedgerSnapshot.SessionEntryAsync(state, s, timeout, ct).ConfigureAwait(false);
            if (entry is null) problems.Add($"session {step.Session} ({s.Id}) is not listed by get_app_sessions");
            else
            {
                exchanges.Add(new Exchange("get_app_sessions entry", null, entry.ToJsonString(), DateTimeOffset.UtcNow));
                if (st.Status is not null && Str(entry, "status") != st.Status)
                    problems.Add($"status is {Str(entry, "status") ?? "(missing)"}, expected {st.Status}");
                if (st.Version is not null && !JsonMatch.Equal(JsonValue.Create(state.Render(st.Version)), entry["version"]))
                    problems.Add($"version is {JsonMatch.Show(entry["version"])}, expected {state.Render(st.Version)}");
                if (st.SessionData is not null && (Str(entry, "session_data") ?? "") != state.Render(st.SessionData))
                    problems.Add($"session_data is {JsonMatch.Show(entry["session_data"])}, expected \"{state.Render(st.SessionData)}\"");
            }
        }
        return problems.Count == 0 ? (Outcome.Ok, "checks passed") : (Outcome.Failed, string.Join("; ", problems));
    }

    private void Compare(string what, IReadOnlyDictionary<string, string> expected, Dictionary<string, decimal> actual, List<string> problems)
    {
        foreach (var (logical, amountText) in expected)
        {
            var symbol = state.Settings.Asset(logical);
            var want = decimal.Parse(state.Render(amountText), NumberStyles.Float, CultureInfo.InvariantCulture);
            var have = actual.GetValueOrDefault(symbol);
            if (want != have) problems.Add($"{what} in {symbol} is {have.ToString(CultureInfo.InvariantCulture)}, expected {want.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private async Task<(Outcome, string)> WaitPushAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        var method = step.Method!;
        var fields = step.Fields.Select(f => (f.Key, Expected: JsonMatch.ToJson(f.Value, state))).ToList();
        bool Matches(RpcFrame f) => f.Method == method && fields.All(x => JsonMatch.TryGet(f.Params, x.Key, out var v) && JsonMatch.Equal(x.Expected, v));
        var start = DateTimeOffset.UtcNow;
        var deadline = start.AddMilliseconds(step.WithinMs ?? state.Settings.PushTimeoutMs);
        var problems = new List<string>();
        var waits = step.To.Select(async w =>
        {
            var frame = await Connection(w).WaitPushAsync(Matches, deadline, ct).ConfigureAwait(false);
            return (w, frame);
        }).ToList();
        foreach (var (w, frame) in await Task.WhenAll(waits).ConfigureAwait(false))
        {
            if (frame is not null)
            {
                exchanges.Add(new Exchange($"{w} received {method}", null, frame.Text, DateTimeOffset.UtcNow));
                continue;
            }
            var seen = Connection(w).RecentPushes();
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
                var frame = await Connection(w).WaitPushAsync(f => f.Method == method, quietUntil, ct).ConfigureAwait(false);
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

    // ---- shared ----

    private async Task<(Outcome, string)> RequestAsync(StepSpec step, string method, JsonNode parameters, IReadOnlyList<string> signerRefs,
        List<Exchange> exchanges, CancellationToken ct, Func<RpcOutcome, string?>? onSuccess)
    {
        var sender = step.As ?? (signerRefs.Count > 0 ? CaseState.OwnerOf(signerRefs[0]) : FirstConnected());
        var conn = Connection(sender);
        var signers = signerRefs.Select(state.Signer).ToList();
        var snapshot = await SnapshotIfNeededAsync(step, ct).ConfigureAwait(false);
        ResetAllPushes();
        var r = await conn.SendAsync(method, parameters, signers, step.TimestampOffsetMs, S.Request(step), ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{sender}: {method}", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
        var judged = Judge(step, r, onSuccess);
        return await UnchangedAsync(step, snapshot, judged, ct).ConfigureAwait(false);
    }

    private async Task<LedgerSnapshot?> SnapshotIfNeededAsync(StepSpec step, CancellationToken ct) =>
        step.Expect.Unchanged ? await LedgerSnapshot.TakeAsync(state, S.Request(step), ct).ConfigureAwait(false) : null;

    private async Task<(Outcome, string)> UnchangedAsync(StepSpec step, LedgerSnapshot? before, (Outcome, string) judged, CancellationToken ct)
    {
        if (before is null || judged.Item1 == Outcome.Failed) return judged;
        var after = await LedgerSnapshot.TakeAsync(state, S.Request(step), ct).ConfigureAwait(false);
        var diff = before.Diff(after);
        return diff.Count == 0 ? judged : (Outcome.Failed, $"{judged.Item2}, but state changed: {string.Join("; ", diff)}");
    }

    private (Outcome, string) Judge(StepSpec step, RpcOutcome r, Func<RpcOutcome, string?>? onSuccess)
    {
        var e = step.Expect;
        if (e.Success)
        {
            if (!r.Succeeded) return (Outcome.Failed, $"expected success but was rejected: \"{r.Error}\"");
            var problems = new List<string>();
            foreach (var (path, node) in e.Fields)
            {
                var expected = JsonMatch.ToJson(node, state);
                if (!JsonMatch.TryGet(r.Response.Params, path, out var actual)) problems.Add($"result has no {path} (expected {JsonMatch.Show(expected)})");
                else if (!JsonMatch.Equal(expected, actual)) problems.Add($"{path} is {JsonMatch.Show(actual)}, expected {JsonMatch.Show(expected)}");
            }
            if (onSuccess?.Invoke(r) is { } extra) problems.Add(extra);
            return problems.Count == 0 ? (Outcome.Ok, $"{r.Response.Method} as expected") : (Outcome.Failed, string.Join("; ", problems));
        }
        if (r.Succeeded) onSuccess?.Invoke(r);
        var exact = e.Error is null ? null : state.Render(e.Error);
        return RejectionClassifier.Classify(exact, e.Pattern, r.Error);
    }

    private void ResetAllPushes()
    {
        foreach (var c in state.Connections.Values) c.ResetPushes();
    }

    private string FirstConnected() =>
        state.Case.Scenario.Wallets.FirstOrDefault(w => state.Connections.ContainsKey(w.Name))?.Name
        ?? throw new StepFailure(Outcome.Failed, "no wallet of this case is connected");

    private WalletConnection Connection(string wallet) =>
        state.Connections.TryGetValue(wallet, out var c) ? c
        : throw new StepFailure(Outcome.Failed, $"wallet '{wallet}' has no connection (declared with connect: false?)");

    private static string? Str(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
