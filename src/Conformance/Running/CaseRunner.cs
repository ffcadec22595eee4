using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Conformance.Templates;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Runs one case end to end: fresh wallets, funding, steps, the funds invariant, the one-response check, sweep, clean-up.</summary>
public sealed class CaseRunner(Target target, Treasury treasury, RunSettings settings)
{
    private readonly WalletPool _pool = new(target, settings);

    /// <summary>Pooled wallets made so far (one auth_request each).</summary>
    public int PooledWallets => _pool.Created;

    /// <summary>The target's report name.</summary>
    public string TargetName => target.Name;

    /// <summary>Runs <paramref name="scenarioCase"/>; never throws for target misbehaviour (it becomes the result).</summary>
    public async Task<CaseResult> RunAsync(ScenarioCase scenarioCase, CancellationToken ct = default)
    {
        var start = DateTimeOffset.UtcNow;
        var scenario = scenarioCase.Scenario;
        var steps = new List<StepResult>();
        CaseState? state = null;
        // Destructive cases keep their last frames (taken before teardown closes the connections) so a crash can name its frame.
        CaseResult Done(Outcome o, string message) => new(scenarioCase, o, message, steps, start, DateTimeOffset.UtcNow, target.Name)
        {
            FrameTail = scenario.Destructive && state is not null ? FrameTail.Of(state.Connections.Values, CrashReport.FramesBefore + 4) : [],
        };

        var missing = scenario.Features.Where(f => !settings.Supports(f)).ToList();
        if (missing.Count > 0) return Done(Outcome.Unimplemented, $"target lacks feature(s): {string.Join(", ", missing)}");

        state = new CaseState(scenarioCase, settings, target);
        foreach (var w in scenario.Wallets)
        {
            state.Wallets[w.Name] = EthKey.FromSeed($"{settings.Seed}/{target.RunId}/{scenarioCase.Name}/{w.Name}");
        }
        var needs = new Dictionary<string, decimal>();
        foreach (var w in scenario.Wallets)
            foreach (var (asset, amount) in w.Funds)
                needs[settings.Asset(asset)] = needs.GetValueOrDefault(settings.Asset(asset)) + amount;
        if (treasury.TryReserve(needs) is { } reason) return Done(Outcome.Skipped, $"not enough funds: {reason}");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(scenario.TimeoutMs ?? settings.CaseTimeoutMs);
        var token = budget.Token;
        var outcome = Outcome.Ok;
        var message = "";
        try
        {
            var setupExchanges = new List<Exchange>();
            var setupStart = DateTimeOffset.UtcNow;
            try
            {
                await SetUpAsync(state, setupExchanges, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is StepFailure or TimeoutException or System.Net.WebSockets.WebSocketException or IOException
                                       or Protocol.Client.ConnectionClosedException or Protocol.Client.RpcErrorException
                                       or Protocol.Auth.AuthFailedException or HttpRequestException
                                       or Protocol.Client.BrokerSignatureException or Protocol.Rpc.RpcFrameFormatException)
            {
                var text = $"set-up failed: {Describe(ex)}";
                steps.Add(new StepResult(-1, "set-up", null, Outcome.Failed, text, setupExchanges, setupStart, DateTimeOffset.UtcNow));
                return Done(Outcome.Failed, text);
            }
            foreach (var (asset, amount) in needs) state.Baseline[asset] = amount;

            var executor = new StepExecutor(state);
            foreach (var step in scenario.Steps)
            {
                if (step.WhenProtocols is { } when && !when.Contains(scenarioCase.Protocol)) continue;
                var exchanges = new List<Exchange>();
                var stepStart = DateTimeOffset.UtcNow;
                Outcome o;
                string msg;
                try
                {
                    (o, msg) = await executor.RunAsync(step, exchanges, token).ConfigureAwait(false);
                }
                catch (StepFailure f)
                {
                    (o, msg) = (f.Outcome, f.Message);
                }
                catch (TemplateException t)
                {
                    (o, msg) = (Outcome.Failed, $"template: {t.Message}");
                }
                catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    (o, msg) = (Outcome.Failed, $"the case exceeded its {scenario.TimeoutMs ?? settings.CaseTimeoutMs} ms budget during this step");
                }
                steps.Add(new StepResult(step.Index, step.Label, StepMethods.MethodOf(step), o, msg, exchanges, stepStart, DateTimeOffset.UtcNow));
                if (o != Outcome.Ok && message.Length == 0) message = $"step {step.Index + 1} ({step.Label}): {msg}";
                outcome = OutcomeNames.Worst(outcome, o);
                if (o == Outcome.Failed) break;
            }

            if (outcome != Outcome.Failed)
            {
                var invariantStart = DateTimeOffset.UtcNow;
                var (ok, text) = await FundsInvariantAsync(state, token).ConfigureAwait(false);
                steps.Add(new StepResult(scenario.Steps.Count, "funds invariant", null, ok ? Outcome.Ok : Outcome.Failed, text, [], invariantStart, DateTimeOffset.UtcNow));
                if (!ok)
                {
                    outcome = Outcome.Failed;
                    message = $"funds invariant: {text}";
                }
            }
            // After the funds invariant, whose round trips give late second answers to the steps' requests time to arrive.
            var once = OneResponseCheck.Run(state, scenario.Steps.Count + 1);
            steps.Add(once);
            if (once.Outcome == Outcome.Failed)
            {
                if (outcome != Outcome.Failed) message = $"{OneResponseCheck.Label}: {once.Message}";
                outcome = Outcome.Failed;
            }
            return Done(outcome, message.Length == 0 ? $"all {steps.Count} checks passed" : message);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Done(Outcome.Failed, $"the case exceeded its {scenario.TimeoutMs ?? settings.CaseTimeoutMs} ms budget");
        }
        catch (StepFailure f)
        {
            return Done(f.Outcome, f.Message);
        }
        finally
        {
            await TearDownAsync(state).ConfigureAwait(false);
        }
    }

    private async Task SetUpAsync(CaseState state, List<Exchange> exchanges, CancellationToken ct)
    {
        var scenario = state.Case.Scenario;
        var timeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs);
        if (settings.WalletPool && settings.Supports("jwt-reauth") && PoolEligibility.ScenarioMayPool(scenario))
            foreach (var w in scenario.Wallets.Where(PoolEligibility.WalletMayPool))
            {
                var lease = await _pool.LeaseAsync(ct).ConfigureAwait(false);
                state.Leases[w.Name] = lease;
                state.Wallets[w.Name] = lease.Key;
            }
        var pushes = new SetUpPushes();
        async Task<CaseConnection> ConnectAsync(string name)
        {
            try
            {
                var conn = await state.OpenConnectionAsync(name, ct).ConfigureAwait(false);
                pushes.Connected(conn);
                return conn;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new StepFailure(Outcome.Failed, $"cannot connect {name} to {target.Url} within {settings.ConnectTimeoutMs} ms: {ex.Message}");
            }
        }
        var connecting = scenario.Wallets.Where(w => w.Connect).Select(async w =>
        {
            var conn = await ConnectAsync(w.Name).ConfigureAwait(false);
            lock (state.Connections) state.Connections[w.Name] = conn;
            if (!w.Auth) return;
            var local = new List<Exchange>();
            var attempt = state.Leases.TryGetValue(w.Name, out var lease)
                ? new Authenticator.Attempt(await JwtLoginAsync(conn, w.Name, lease.Jwt, local, ct).ConfigureAwait(false), null, lease.Jwt)
                : await Authenticator.AuthenticateAsync(state, conn, w.Name, w.SessionKey, false, Authenticator.Variation.Plain, local, timeout, ct).ConfigureAwait(false);
            if (!attempt.Outcome.Succeeded)
            {
                lock (exchanges) exchanges.AddRange(local);
                throw new StepFailure(Outcome.Failed, $"authenticating {w.Name} failed: {attempt.Outcome.Error}");
            }
            pushes.LoggedIn(w.Name, conn);
            // Extra connections of the same wallet log in with its JWT (or, without JWT support, present the key the
            // first one registered), so they neither replace the key nor use up another challenge.
            var jwtExtras = attempt.Jwt is not null && settings.Supports("jwt-reauth");
            for (var i = 2; i <= w.Connections; i++)
            {
                var name = $"{w.Name}#{i}";
                var extra = await ConnectAsync(name).ConfigureAwait(false);
                lock (state.Connections) state.Connections[name] = extra;
                var again = jwtExtras
                    ? new Authenticator.Attempt(await JwtLoginAsync(extra, name, attempt.Jwt!, local, ct).ConfigureAwait(false), null, attempt.Jwt)
                    : await Authenticator.AuthenticateAsync(state, extra, w.Name, w.SessionKey, false,
                        Authenticator.Variation.Plain with { ExistingKey = attempt.SessionKey }, local, timeout, ct).ConfigureAwait(false);
                if (!again.Outcome.Succeeded)
                {
                    lock (exchanges) exchanges.AddRange(local);
                    throw new StepFailure(Outcome.Failed, $"authenticating {name} failed: {again.Outcome.Error}");
                }
                pushes.LoggedIn(w.Name, extra);
            }
            lock (exchanges) exchanges.AddRange(local);
            lock (state.Authenticated)
            {
                state.Authenticated.Add(w.Name);
                if (w.SessionKey is not null && attempt.SessionKey is not null) state.SessionKeys[w.Name] = attempt.SessionKey;
                if (attempt.Jwt is not null) state.Jwts[w.Name] = attempt.Jwt;
            }
        }).ToList();
        await Task.WhenAll(connecting).ConfigureAwait(false);

        var funding = scenario.Wallets.Where(w => w.Funds.Count > 0).Select(w =>
            treasury.FundAsync(state.Wallets[w.Name].Address, w.Funds.ToDictionary(f => settings.Asset(f.Key), f => f.Value), ct)).ToList();
        await Task.WhenAll(funding).ConfigureAwait(false);
        foreach (var w in scenario.Wallets.Where(w => w.Funds.Values.Any(v => v > 0))) pushes.Funded(w.Name);
        await pushes.SettleAsync(TimeSpan.FromMilliseconds(Math.Min(settings.RequestTimeoutMs, 1000)), ct).ConfigureAwait(false);
    }

    // auth_verify with a JWT: logs a pooled wallet (or an extra connection) in without a new challenge.
    private async Task<RpcOutcome> JwtLoginAsync(CaseConnection conn, string label, string jwt, List<Exchange> exchanges, CancellationToken ct)
    {
        var r = await conn.SendAsync(RpcMethods.AuthVerify, Requests.AuthVerifyJwt(jwt), [], 0, TimeSpan.FromMilliseconds(settings.RequestTimeoutMs), ct).ConfigureAwait(false);
        lock (exchanges) exchanges.Add(new Exchange($"{label}: auth_verify (jwt)", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
        return r;
    }

    private async Task<(bool, string)> FundsInvariantAsync(CaseState state, CancellationToken ct)
    {
        var timeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs);
        // Wallets that never authenticated may still hold funds (e.g. a close paid them): log them in to read their balances.
        foreach (var w in state.Case.Scenario.Wallets.Where(w => !state.Authenticated.Contains(w.Name)))
        {
            if (state.Connections.Remove(w.Name, out var old)) await old.DisposeAsync().ConfigureAwait(false);
            var conn = await state.OpenConnectionAsync(w.Name, ct).ConfigureAwait(false);
            state.Connections[w.Name] = conn;
            // A wallet with no ledger row anywhere holds nothing (balances are sums of rows): the public listing says so
            // without a login, which would spend one of the Go node's 1000 challenges (most such wallets are auth tests'
            // own, which never got funds).
            if (await HasNoLedgerRowsAsync(conn, state.Wallets[w.Name].Address, timeout, ct).ConfigureAwait(false)) continue;
            var login = state.Leases.TryGetValue(w.Name, out var lease)
                ? await JwtLoginAsync(conn, w.Name, lease.Jwt, [], ct).ConfigureAwait(false)
                : (await Authenticator.AuthenticateAsync(state, conn, w.Name, null, false, Authenticator.Variation.Plain, [], timeout, ct).ConfigureAwait(false)).Outcome;
            if (!login.Succeeded) return (false, $"cannot authenticate {w.Name} to read its balance: {login.Error}");
            state.Authenticated.Add(w.Name);
        }
        var snapshot = await LedgerSnapshot.TakeAsync(state, timeout, ct).ConfigureAwait(false);
        var totals = snapshot.Totals();
        var problems = new List<string>();
        foreach (var asset in state.Baseline.Keys.Union(totals.Keys))
        {
            var want = state.Baseline.GetValueOrDefault(asset);
            var have = totals.GetValueOrDefault(asset);
            if (want != have)
                problems.Add($"{asset}: wallets and their session shares hold {have.ToString(CultureInfo.InvariantCulture)} in total, but {want.ToString(CultureInfo.InvariantCulture)} was funded");
        }
        return problems.Count == 0
            ? (true, "total of balances and shares equals the funded amount" + (state.Baseline.Count == 0 ? " (nothing funded)" : $" ({string.Join(", ", state.Baseline.Select(b => $"{b.Value.ToString(CultureInfo.InvariantCulture)} {b.Key}"))})"))
            : (false, string.Join("; ", problems));
    }

    // get_ledger_entries with only a wallet filter lists that wallet's rows in every account; false when the target refuses.
    private static async Task<bool> HasNoLedgerRowsAsync(CaseConnection conn, string address, TimeSpan timeout, CancellationToken ct)
    {
        var r = await conn.SendAsync(RpcMethods.GetLedgerEntries, new JsonObject { ["wallet"] = address, ["limit"] = 1 }, [], 0, timeout, ct).ConfigureAwait(false);
        return r.Succeeded && r.Response.Params is JsonObject p && p["ledger_entries"] is JsonArray { Count: 0 };
    }

    private async Task TearDownAsync(CaseState state)
    {
        // Pooled wallets are always swept: only a wallet left with a zero unified balance goes back to the pool.
        var toSweep = state.Authenticated.Where(w => settings.Sweep || state.Leases.ContainsKey(w)).ToList();
        if (toSweep.Count > 0)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(settings.RequestTimeoutMs * 2));
            var returned = new Dictionary<string, decimal>();
            foreach (var wallet in toSweep)
            {
                try
                {
                    var conn = state.Connections[wallet];
                    var balances = await LedgerSnapshot.BalancesAsync(conn, null, TimeSpan.FromMilliseconds(settings.RequestTimeoutMs), cts.Token).ConfigureAwait(false);
                    var positive = balances.Where(b => b.Value > 0).Select(b => new TransferAllocation(b.Key, b.Value.ToString(CultureInfo.InvariantCulture))).ToList();
                    var clean = balances.Values.All(v => v == 0);
                    if (positive.Count > 0)
                    {
                        var r = await conn.SendAsync(RpcMethods.Transfer, Requests.Transfer(treasury.Address, positive), [state.Wallets[wallet]], 0,
                            TimeSpan.FromMilliseconds(settings.RequestTimeoutMs), cts.Token).ConfigureAwait(false);
                        if (r.Succeeded)
                            foreach (var (asset, amount) in balances.Where(b => b.Value > 0)) returned[asset] = returned.GetValueOrDefault(asset) + amount;
                        clean = r.Succeeded;
                    }
                    if (clean && state.Leases.TryGetValue(wallet, out var lease)) _pool.Return(lease);
                }
                catch (Exception ex) when (ex is StepFailure or OperationCanceledException or KeyNotFoundException)
                {
                    // Sweeping is best effort: what cannot be returned stays with the wallet (a pooled one is dropped).
                }
            }
            treasury.Release(returned);
        }
        foreach (var conn in state.Connections.Values)
        {
            try
            {
                await conn.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The target may already have dropped the connection.
            }
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        StepFailure f => f.Message,
        Protocol.Client.RpcErrorException r => $"the target answered \"{r.ErrorText}\"",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
