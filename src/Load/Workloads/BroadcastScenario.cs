using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Broadcast fan-out (the headline workload): S app sessions of P participants, each participant on its own connection.
/// An iteration submits one state to one session at its intended time t0; every participant's <c>asu</c> push is a sample
/// (arrival − t0), plus the last recipient's latency and the submitter's response latency. Pushes that never arrive are
/// timeouts; pushes for another session arriving on a connection are misdeliveries.
/// </summary>
public sealed class BroadcastScenario(Uri target, BroadcastOptions options) : ILoadScenario
{
    /// <summary>Per-recipient push latency.</summary>
    public const string RecipientMetric = "broadcast";
    /// <summary>Latency of the last recipient of each event.</summary>
    public const string LastMetric = "broadcast.last";
    /// <summary>Submitter's response latency.</summary>
    public const string SubmitMetric = "broadcast.submit";

    private string Recipient => options.AppMessage ? "message" : RecipientMetric;
    private string Last => options.AppMessage ? "message.last" : LastMetric;
    private string Submit => options.AppMessage ? "message.send" : SubmitMetric;
    private readonly List<Task> _readers = [];

    private const long PresignMaxAgeMs = 30_000; // half the node's 60 s timestamp window

    private readonly List<BroadcastSession> _sessions = [];
    private readonly Dictionary<string, BroadcastSession> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<BroadcastSession> _idle = Channel.CreateUnbounded<BroadcastSession>();
    private readonly LatencyHistogram[] _positions = Enumerable.Range(0, options.Participants).Select(_ => new LatencyHistogram()).ToArray();
    private readonly CancellationTokenSource _stop = new();
    private Task _presigner = Task.CompletedTask;
    private long _misdelivered, _duplicates, _latePushes, _inlineSigns;
    private readonly ulong _nonceBase = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <inheritdoc/>
    public string Name => options.AppMessage ? "app-message" : "broadcast";
    /// <inheritdoc/>
    public string HeadlineMetric => Recipient;
    /// <inheritdoc/>
    public string SigningMode =>
        $"pre-signed: up to {options.PresignDepth} {(options.AppMessage ? "messages" : "submits")} per session signed ahead on a background task with the {Secp256k1.Default.Name} signer, " +
        $"re-signed after {PresignMaxAgeMs / 1000} s (inside the node's 60 s timestamp window); submits signed inline because the queue was empty: {Interlocked.Read(ref _inlineSigns)}";

    /// <summary>Wallet of participant <paramref name="position"/> of session <paramref name="session"/> (deterministic).</summary>
    public static EthKey WalletFor(int session, int position) => EthKey.FromSeed($"nitro-load/broadcast/s{session}/p{position}");

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        options.Validate();
        var owned = options.OwnedSessions();
        using var gate = new SemaphoreSlim(16);
        var built = await Task.WhenAll(owned.Select(async s =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await OpenSessionAsync(s, ct).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        foreach (var session in built.OrderBy(b => b.Index))
        {
            _sessions.Add(session);
            _byId[session.Id] = session;
        }
        if (options.AppMessage)
            foreach (var session in _sessions)
                for (var p = 0; p < session.Members.Length; p++)
                    _readers.Add(ReadRelayedAsync(session, p, _stop.Token));
        foreach (var session in _sessions) RefillOne(session);
        foreach (var session in _sessions) _idle.Writer.TryWrite(session);
        _presigner = Task.Run(() => PresignLoopAsync(_stop.Token), CancellationToken.None);
    }

    private async Task<BroadcastSession> OpenSessionAsync(int index, CancellationToken ct)
    {
        BroadcastSession? session = null;
        // The observer reads 'session' once it is set; pushes before that (assets, channels, bu) are not asu anyway.
        var members = await Task.WhenAll(Enumerable.Range(0, options.Participants).Select(p =>
            AuthenticatedConnection.OpenAsync(target, WalletFor(index, p), f => OnPush(Volatile.Read(ref session), p, f), options.Timeout, ct))).ConfigureAwait(false);
        Volatile.Write(ref session, new BroadcastSession(index, members));
        var definition = new AppDefinition(
            "nitro-load", options.Protocol == "0.4" ? "NitroRPC/0.4" : "NitroRPC/0.2",
            members.Select(m => m.Wallet.Address).ToList(), members.Select(_ => 1L).ToList(), 1, 86400, _nonceBase + (ulong)index);
        // Zero allocations: the session needs no funds and create needs no signatures beyond the caller's.
        var created = await members[0].Client.RequestAsync(RpcMethods.CreateAppSession, Requests.CreateAppSession(definition, []), [members[0].Wallet], AuthenticatedConnection.SetupTimeout(options.Timeout), ct).ConfigureAwait(false);
        session.Id = created.Params?["app_session_id"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"create_app_session returned no app_session_id: {created.Text}");
        return session;
    }

    private void OnPush(BroadcastSession? own, int position, RpcFrame frame)
    {
        if (own is null || !AsuPush.TryRead(frame, out var id, out var version)) return;
        if (!string.Equals(id, own.Id, StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _misdelivered); // this connection's wallet is in exactly one session
            return;
        }
        var ev = own.Current;
        if (ev is null || ev.Version != version)
        {
            Interlocked.Increment(ref _latePushes);
            return;
        }
        if (!ev.Arrive(position, frame.ReceivedTimestamp)) Interlocked.Increment(ref _duplicates);
    }

    // Relayed messages are request frames, so they reach the client's unmatched-frame queue, not the push observer.
    private async Task ReadRelayedAsync(BroadcastSession own, int position, CancellationToken stop)
    {
        var client = own.Members[position].Client;
        while (!stop.IsCancellationRequested && client.IsConnected)
        {
            RpcFrame frame;
            try
            {
                frame = await client.NextResponseAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception) when (stop.IsCancellationRequested || !client.IsConnected)
            {
                return;
            }
            catch (RpcFrameFormatException)
            {
                continue;
            }
            if (frame.Method != RpcMethods.Message || frame.Kind != RpcFrameKind.Request) continue;
            if (!string.Equals(frame.Sid, own.Id, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _misdelivered);
                continue;
            }
            var seq = frame.Params?["seq"] is JsonValue v && v.TryGetValue<ulong>(out var n) ? n : 0;
            var ev = own.Current;
            if (ev is null || ev.Version != seq) Interlocked.Increment(ref _latePushes);
            else if (!ev.Arrive(position, frame.ReceivedTimestamp)) Interlocked.Increment(ref _duplicates);
        }
    }

    private SignedRequest Sign(BroadcastSession s, ulong version)
    {
        var submitter = s.SubmitterFor(version);
        if (options.AppMessage)
            return RpcFrames.SignRequest(
                Requests.AppMessage(submitter.Client.NextRequestId(), s.Id, new JsonObject { ["seq"] = version, ["type"] = "load" }, submitter.Client.NowMs()),
                [submitter.Wallet]);
        var parameters = options.Protocol == "0.4"
            ? Requests.SubmitAppState(s.Id, "operate", version, [], $"{{\"v\":{version}}}")
            : Requests.SubmitAppState(s.Id, [], $"{{\"v\":{version}}}");
        return RpcFrames.SignRequest(submitter.Client.CreateRequest(RpcMethods.SubmitAppState, parameters), [submitter.Wallet]);
    }

    private void RefillOne(BroadcastSession s) =>
        s.Refill(options.PresignDepth, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), PresignMaxAgeMs, v => Sign(s, v));

    private async Task PresignLoopAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var s in _sessions) RefillOne(s);
                await Task.Delay(50, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc/>
    public async Task RunIterationAsync(IterationContext ctx)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.Token);
        cts.CancelAfter(options.Timeout);
        BroadcastSession session;
        try
        {
            session = await _idle.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            ctx.RecordError(Submit, "timeout waiting for an idle session");
            return;
        }
        try
        {
            await SubmitAndAwaitAsync(ctx, session, cts.Token).ConfigureAwait(false);
        }
        finally
        {
            session.Current = null;
            _idle.Writer.TryWrite(session);
        }
    }

    private async Task SubmitAndAwaitAsync(IterationContext ctx, BroadcastSession session, CancellationToken ct)
    {
        ulong version;
        SignedRequest request;
        if (session.TakeNext() is { } ready)
        {
            (version, request) = ready;
        }
        else
        {
            Interlocked.Increment(ref _inlineSigns);
            version = session.Version + 1;
            request = Sign(session, version);
        }
        var sender = (int)(version % (ulong)options.Participants);
        var ev = new FanOutEvent(version, options.Participants, options.AppMessage ? sender : -1);
        session.Current = ev;
        try
        {
            var response = await session.SubmitterFor(version).Client.SendSignedAsync(request, options.Timeout, ct).ConfigureAwait(false);
            ctx.Record(Submit, response.ReceivedTimestamp);
            session.Observe(version);
        }
        catch (RpcErrorException e)
        {
            ctx.RecordError(Submit, e.ErrorText);
            return;
        }
        catch (TimeoutException)
        {
            ctx.RecordError(Submit, "timeout");
        }
        try
        {
            await ev.AllArrived.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            // Timed out: the missing recipients are counted below.
        }
        long last = 0;
        var missing = 0;
        for (var p = 0; p < ev.Arrivals.Length; p++)
        {
            var at = Volatile.Read(ref ev.Arrivals[p]);
            if (at == FanOutEvent.NotExpected) continue;
            if (at == 0)
            {
                missing++;
                ctx.RecordError(Recipient, "timeout");
                continue;
            }
            session.Observe(version);
            last = Math.Max(last, at);
            ctx.Record(Recipient, at);
            if (ctx.Measured)
                lock (_positions[p]) _positions[p].Record(RunClock.MicrosBetween(ctx.IntendedTimestamp, at));
        }
        if (missing == 0) ctx.Record(Last, last);
        else
        {
            ctx.RecordError(Last, "timeout");
            ctx.Count("push_timeouts", missing);
        }
        ctx.Metrics.Increment("misdelivered", Interlocked.Exchange(ref _misdelivered, 0));
        ctx.Metrics.Increment("duplicate_pushes", Interlocked.Exchange(ref _duplicates, 0));
        ctx.Metrics.Increment("late_pushes", Interlocked.Exchange(ref _latePushes, 0));
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras()
    {
        var positions = _positions.Select(h => { lock (h) return h.ToSnapshot(); }).ToList();
        return new ScenarioExtras(positions, new Dictionary<string, string>
        {
            ["sessions"] = _sessions.Count.ToString(CultureInfo.InvariantCulture) + (options.Shard.Count > 1 ? $" (shard {options.Shard.Index + 1}/{options.Shard.Count} of {options.Sessions})" : ""),
            ["participants"] = options.Participants.ToString(CultureInfo.InvariantCulture),
            ["connections"] = (_sessions.Count * options.Participants).ToString(CultureInfo.InvariantCulture),
            ["protocol"] = options.AppMessage ? "legacy message with sid, relayed to the other participants"
                : options.Protocol == "0.4" ? "NitroRPC/0.4 submit_app_state intent operate" : "NitroRPC/0.2 submit_app_state",
            ["inline_signs"] = Interlocked.Read(ref _inlineSigns).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _presigner.ConfigureAwait(false);
        await Task.WhenAll(_readers).ConfigureAwait(false);
        foreach (var s in _sessions)
            foreach (var m in s.Members)
                await m.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
