using System.Net.WebSockets;
using System.Threading.Channels;
using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Round trips over a pool of raw WebSocket connections to an echo target (harness calibration and the coordinated-omission check).
/// An iteration waits for a free connection; that wait is part of its latency because latency runs from the intended time.
/// </summary>
public sealed class EchoScenario(Uri target, int connections, TimeSpan timeout) : ILoadScenario
{
    /// <summary>Metric name of one round trip.</summary>
    public const string Metric = "echo";

    private readonly Channel<(ClientWebSocket Ws, byte[] Buffer)> _idle = Channel.CreateUnbounded<(ClientWebSocket, byte[])>();
    private readonly List<ClientWebSocket> _all = [];
    private static readonly byte[] Payload = "{\"ping\":1234567890}"u8.ToArray();

    /// <inheritdoc/>
    public string Name => "echo";
    /// <inheritdoc/>
    public string HeadlineMetric => Metric;
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
            _all.Add(ws);
            _idle.Writer.TryWrite((ws, new byte[4096]));
        }
    }

    /// <inheritdoc/>
    public async Task RunIterationAsync(IterationContext ctx)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.Token);
        cts.CancelAfter(timeout);
        (ClientWebSocket Ws, byte[] Buffer) conn;
        try
        {
            conn = await _idle.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            ctx.RecordError(Metric, "timeout waiting for a free connection");
            return;
        }
        var healthy = true;
        try
        {
            await conn.Ws.SendAsync(Payload, WebSocketMessageType.Text, true, cts.Token).ConfigureAwait(false);
            ValueWebSocketReceiveResult r;
            do r = await conn.Ws.ReceiveAsync(conn.Buffer.AsMemory(), cts.Token).ConfigureAwait(false);
            while (!r.EndOfMessage);
            ctx.Record(Metric, RunClock.Now);
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            healthy = false; // a timed-out socket has an unread reply in flight; retire it
            ctx.RecordError(Metric, "timeout");
        }
        finally
        {
            if (healthy) _idle.Writer.TryWrite(conn);
        }
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras() => new(null, new Dictionary<string, string> { ["connections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var ws in _all)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Best effort.
            }
            ws.Dispose();
        }
    }
}
