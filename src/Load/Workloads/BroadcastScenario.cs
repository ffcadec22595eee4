using System.Globalization;
using System.Threading.Channels;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Fan-out core (the headline workload): S app sessions of P participants, each participant on its own connection.
/// An iteration makes one event happen in one session at its intended time t0 (how: the <see cref="FanOutDelivery"/>);
/// every recipient's delivery is a sample (arrival − t0), plus the last recipient's latency and the sender's response
/// latency. Deliveries that never arrive are timeouts; misdelivered, duplicate and late deliveries are counted as they
/// arrive, charged to the iteration that caused them (so warm-up ones are not counted).
/// </summary>
public sealed class BroadcastScenario(Uri target, BroadcastOptions options, FanOutDelivery delivery) : ILoadScenario
{
    /// <summary>Counter: deliveries for another session arriving on a connection (each wallet is in exactly one session).</summary>
    public const string Misdelivered = "misdelivered";
    /// <summary>Counter: a second delivery of the same event to the same recipient.</summary>
    public const string DuplicatePushes = "duplicate_pushes";
    /// <summary>Counter: deliveries of an event that is no longer awaited (after its timeout or out of order).</summary>
    public const string LatePushes = "late_pushes";
    /// <summary>Counter: recipients whose delivery never came within the timeout.</summary>
    public const string PushTimeouts = "push_timeouts";

    private const long PresignMaxAgeMs = 30_000; // half the node's 60 s timestamp window

    private readonly List<BroadcastSession> _sessions = [];
    private readonly Dictionary<string, BroadcastSession> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<BroadcastSession> _idle = Channel.CreateUnbounded<BroadcastSession>();
    private readonly LatencyHistogram[] _positions = Enumerable.Range(0, options.Participants).Select(_ => new LatencyHistogram()).ToArray();
    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _presigner = Task.CompletedTask;
    private MetricRegistry? _metrics;
    private HeldConnections? _held;
    private long _inlineSigns;
    private readonly ulong _nonceBase = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <inheritdoc/>
    public string Name => delivery.WorkloadName;
    /// <inheritdoc/>
    public string HeadlineMetric => delivery.RecipientMetric;
    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics =>
    [
        MetricDeclaration.Latency(delivery.RecipientMetric), MetricDeclaration.Latency(delivery.LastMetric), MetricDeclaration.Latency(delivery.SendMetric),
        MetricDeclaration.Counter(PushTimeouts), MetricDeclaration.Counter(Misdelivered), MetricDeclaration.Counter(DuplicatePushes), MetricDeclaration.Counter(LatePushes),
        .. options.Connections > 0 ? [MetricDeclaration.Counter(HeldConnections.Counter)] : Array.Empty<MetricDeclaration>(),
    ];
    /// <inheritdoc/>
    public string SigningMode =>
        $"pre-signed: up to {options.PresignDepth} {delivery.Noun} per session signed ahead on a background task with the {Secp256k1.Default.Name} signer, " +
        $"re-signed after {PresignMaxAgeMs / 1000} s (inside the node's 60 s timestamp window); submits signed inline because the queue was empty: {Interlocked.Read(ref _inlineSigns)}";

    /// <summary>Wallet of participant <paramref name="position"/> of session <paramref name="session"/> (deterministic).</summary>
    public static EthKey WalletFor(int session, int position) => EthKey.FromSeed($"nitro-load/broadcast/s{session}/p{position}");

    /// <inheritdoc/>
    public void BeginRun(MetricRegistry metrics)
    {
        Volatile.Write(ref _metrics, metrics);
        _held?.BeginRun(metrics);
    }

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        options.Validate();
        using var gate = new SemaphoreSlim(16);
        var built = await Task.WhenAll(options.OwnedSessions().Select(async s =>
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
        if (!delivery.ArrivesAsPush) _readers.AddRange(delivery.Listen(_sessions, OnDelivery, _stop.Token));
        // Held last, so the workload's own logins never compete with them for the node's challenge table.
        if (options.Connections > 0) _held = await HeldConnections.OpenAsync(target, options.Connections, options.ConnectRate, options.Timeout, ct).ConfigureAwait(false);
        foreach (var session in _sessions) RefillOne(session);
        foreach (var session in _sessions) _idle.Writer.TryWrite(session);
        _presigner = Task.Run(() => PresignLoopAsync(_stop.Token), CancellationToken.None);
    }

    private async Task<BroadcastSession> OpenSessionAsync(int index, CancellationToken ct)
    {
        BroadcastSession? session = null;
        // The observer reads 'session' once it is set; pushes before that (assets, channels, bu) are not deliveries anyway.
        var members = await Task.WhenAll(Enumerable.Range(0, options.Participants).Select(p =>
            AuthenticatedConnection.OpenAsync(target, WalletFor(index, p), delivery.ArrivesAsPush ? f => OnDelivery(Volatile.Read(ref session), p, f) : null, options.Timeout, ct))).ConfigureAwait(false);
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

    // Every delivery, whichever way it came: matched to the awaited event, or counted as an error where it happens.
    private void OnDelivery(BroadcastSession? own, int position, RpcFrame frame)
    {
        if (own is null || !delivery.TryRead(frame, out var id, out var version)) return;
        var metrics = Volatile.Read(ref _metrics);
        if (metrics is null) return; // before the first run: nothing is awaited or counted yet
        if (!string.Equals(id, own.Id, StringComparison.OrdinalIgnoreCase))
        {
            var cause = _byId.TryGetValue(id, out var other) ? other.IntendedOf(version) : null;
            metrics.CountIfMeasured(Misdelivered, cause ?? frame.ReceivedTimestamp);
            return;
        }
        // Any delivery proves the node reached that version, even one whose submit timed out here: resync to it.
        own.Observe(version);
        var ev = own.Current;
        if (ev is null || ev.Version != version)
        {
            metrics.CountIfMeasured(LatePushes, own.IntendedOf(version) ?? frame.ReceivedTimestamp);
            return;
        }
        if (!ev.Arrive(position, frame.ReceivedTimestamp)) metrics.CountIfMeasured(DuplicatePushes, ev.IntendedTimestamp);
    }

    private void RefillOne(BroadcastSession s) =>
        s.Refill(options.PresignDepth, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), PresignMaxAgeMs, v => delivery.Sign(s, v, options));

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
    public Task RunIterationAsync(IterationContext ctx) =>
        IdleLease.RunAsync(_idle, ctx, options.Timeout, delivery.SendMetric, "session",
            (session, ct) => SendAndAwaitAsync(ctx, session, ct), session => session.Current = null);

    private async Task SendAndAwaitAsync(IterationContext ctx, BroadcastSession session, CancellationToken ct)
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
            request = delivery.Sign(session, version, options);
        }
        var sender = (int)(version % (ulong)options.Participants);
        var ev = new FanOutEvent(version, ctx.IntendedTimestamp, options.Participants, delivery.SenderReceives ? -1 : sender);
        session.Begin(ev);
        try
        {
            var response = await session.SubmitterFor(version).Client.SendSignedAsync(request, options.Timeout, ct).ConfigureAwait(false);
            ctx.Record(delivery.SendMetric, response.ReceivedTimestamp);
            session.Observe(version);
        }
        catch (RpcErrorException e)
        {
            ctx.RecordError(delivery.SendMetric, e.ErrorText);
            // A submit that timed out here may still have been applied; the node says which version it expects next.
            if (VersionConflict.TryExpected(e.ErrorText, out var expected)) session.Observe(expected - 1);
            return;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !ctx.Token.IsCancellationRequested))
        {
            // The client's own timeout, or the iteration's (which also counts the wait for an idle session).
            ctx.RecordError(delivery.SendMetric, "timeout");
        }
        try
        {
            await ev.AllArrived.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            // Timed out: the missing recipients are counted below.
        }
        RecordArrivals(ctx, session, ev);
    }

    private void RecordArrivals(IterationContext ctx, BroadcastSession session, FanOutEvent ev)
    {
        long last = 0;
        var missing = 0;
        for (var p = 0; p < ev.Arrivals.Length; p++)
        {
            var at = Volatile.Read(ref ev.Arrivals[p]);
            if (at == FanOutEvent.NotExpected) continue;
            if (at == 0)
            {
                missing++;
                ctx.RecordError(delivery.RecipientMetric, "timeout");
                continue;
            }
            session.Observe(ev.Version);
            last = Math.Max(last, at);
            ctx.Record(delivery.RecipientMetric, at);
            if (ctx.Measured)
                lock (_positions[p]) _positions[p].Record(RunClock.MicrosBetween(ctx.IntendedTimestamp, at));
        }
        if (missing == 0) ctx.Record(delivery.LastMetric, last);
        else
        {
            ctx.RecordError(delivery.LastMetric, "timeout");
            ctx.Count(PushTimeouts, missing);
        }
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras()
    {
        var positions = _positions.Select(h => { lock (h) return h.ToSnapshot(); }).ToList();
        var notes = new Dictionary<string, string>
        {
            ["sessions"] = _sessions.Count.ToString(CultureInfo.InvariantCulture) + (options.Shard.Count > 1 ? $" (shard {options.Shard.Index + 1}/{options.Shard.Count} of {options.Sessions})" : ""),
            ["participants"] = options.Participants.ToString(CultureInfo.InvariantCulture),
            ["connections"] = (_sessions.Count * options.Participants).ToString(CultureInfo.InvariantCulture),
            ["protocol"] = delivery.Describe(options),
            ["inline_signs"] = Interlocked.Read(ref _inlineSigns).ToString(CultureInfo.InvariantCulture),
        };
        _held?.AddNotes(notes);
        return new ScenarioExtras(positions, notes);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _presigner.ConfigureAwait(false);
        await Task.WhenAll(_readers).ConfigureAwait(false);
        if (_held is not null) await _held.DisposeAsync().ConfigureAwait(false);
        foreach (var s in _sessions)
            foreach (var m in s.Members)
                await m.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
