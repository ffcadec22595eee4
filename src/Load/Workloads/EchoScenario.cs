using System.Net.WebSockets;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Round trips over a pool of raw WebSocket connections to an echo target (harness calibration and the coordinated-omission check).
/// An iteration that finds no free connection queues; that wait is part of its latency because latency runs from the intended time.
/// </summary>
/// <remarks>
/// A connection that finishes a round trip serves the oldest queued iteration itself, straight away, instead of going
/// back to a pool and waking the waiter through the thread pool: under a backlog every hand-over would otherwise cost a
/// thread-pool hop, which on a busy two-core machine lowered the pool's capacity just when it needed it to catch up.
/// </remarks>
public sealed class EchoScenario(Uri target, int connections, TimeSpan timeout) : ILoadScenario
{
    /// <summary>Metric name of one round trip.</summary>
    public const string Metric = "echo";

    private static readonly byte[] Payload = "{\"ping\":1234567890}"u8.ToArray();
    private readonly object _gate = new();
    private readonly Stack<EchoConnection> _idle = new();
    private readonly Queue<Waiter> _waiting = new();
    private readonly List<EchoConnection> _all = [];

    /// <inheritdoc/>
    public string Name => "echo";
    /// <inheritdoc/>
    public string HeadlineMetric => Metric;
    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics { get; } = [MetricDeclaration.Latency(Metric)];
    /// <inheritdoc/>
    public string SigningMode => "none (unsigned echo payload)";

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        Guard.Loopback(target);
        for (var i = 0; i < connections; i++)
        {
            var ws = new ClientWebSocket();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(10));
            await ws.ConnectAsync(target, cts.Token).ConfigureAwait(false);
            var conn = new EchoConnection(ws);
            _all.Add(conn);
            _idle.Push(conn);
        }
    }

    /// <inheritdoc/>
    public async Task RunIterationAsync(IterationContext ctx)
    {
        EchoConnection? conn = null;
        Waiter? waiter = null;
        lock (_gate)
        {
            if (_idle.Count > 0) conn = _idle.Pop();
            else _waiting.Enqueue(waiter = new Waiter(ctx));
        }
        if (waiter is not null)
        {
            // Served by the next connection that frees up; at the run's end the wait just stops (cancelled waiters are skipped).
            waiter.Cancellation = ctx.Token.UnsafeRegister(static w => ((Waiter)w!).Done.TrySetResult(), waiter);
            await waiter.Done.Task.ConfigureAwait(false);
            return;
        }
        if (await RoundTripAsync(conn!, ctx).ConfigureAwait(false)) Release(conn!);
    }

    // Hands a free connection straight to the oldest live waiter (its send starts on this thread), or back to the pool.
    private void Release(EchoConnection conn)
    {
        Waiter? next = null;
        lock (_gate)
        {
            while (_waiting.Count > 0 && next is null)
            {
                var w = _waiting.Dequeue();
                if (!w.Done.Task.IsCompleted) next = w;
            }
            if (next is null) _idle.Push(conn);
        }
        if (next is not null) _ = ServeAsync(conn, next);
    }

    private async Task ServeAsync(EchoConnection conn, Waiter waiter)
    {
        var healthy = false;
        try
        {
            healthy = await RoundTripAsync(conn, waiter.Context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            waiter.Context.RecordError(Metric, LoadEngine.ErrorKind(e));
        }
        finally
        {
            waiter.Finish();
        }
        if (healthy) Release(conn);
    }

    private async Task<bool> RoundTripAsync(EchoConnection conn, IterationContext ctx)
    {
        if (ctx.Token.IsCancellationRequested) return true;
        if (RunClock.SecondsBetween(ctx.IntendedTimestamp, RunClock.Now) > timeout.TotalSeconds)
        {
            ctx.RecordError(Metric, "timeout waiting for a free connection");
            return true;
        }
        var cts = conn.TimeoutFor(ctx.Token);
        cts.CancelAfter(timeout);
        try
        {
            await conn.Ws.SendAsync(Payload, WebSocketMessageType.Text, true, cts.Token).ConfigureAwait(false);
            ValueWebSocketReceiveResult r;
            do r = await conn.Ws.ReceiveAsync(conn.Buffer.AsMemory(), cts.Token).ConfigureAwait(false);
            while (!r.EndOfMessage);
            ctx.Record(Metric, RunClock.Now);
            return conn.TryRearm();
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            ctx.RecordError(Metric, "timeout"); // a timed-out socket has an unread reply in flight; retire it
            return false;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            if (!ctx.Token.IsCancellationRequested) ctx.RecordError(Metric, LoadEngine.ErrorKind(e));
            return false;
        }
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras() => new(null, new Dictionary<string, string> { ["connections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        List<Waiter> left;
        lock (_gate)
        {
            left = [.. _waiting];
            _waiting.Clear();
        }
        foreach (var w in left) w.Finish();
        foreach (var conn in _all)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await conn.Ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Best effort.
            }
            conn.Dispose();
        }
    }

    /// <summary>An iteration queued for the next free connection.</summary>
    private sealed class Waiter(IterationContext context)
    {
        public IterationContext Context { get; } = context;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Cancellation { get; set; }

        public void Finish()
        {
            Cancellation.Dispose();
            Done.TrySetResult();
        }
    }
}
