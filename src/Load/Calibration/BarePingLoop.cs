using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Calibration;

/// <summary>The physical limit: N bare ClientWebSocket connections each sending and awaiting echoes back to back, no harness in between.</summary>
public static class BarePingLoop
{
    /// <summary>Result: round trips per second and their latency histogram.</summary>
    public sealed record Result(double RatePerSecond, LatencyHistogram Latency, long RoundTrips);

    /// <summary>Runs <paramref name="connections"/> loops against a ws URL for <paramref name="duration"/>.</summary>
    public static async Task<Result> RunAsync(Uri url, int connections, TimeSpan duration, CancellationToken ct = default)
    {
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var ws = new ClientWebSocket();
                using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                connectCts.CancelAfter(TimeSpan.FromSeconds(10));
                await ws.ConnectAsync(url, connectCts.Token).ConfigureAwait(false);
                sockets.Add(ws);
            }
            var histograms = sockets.Select(_ => new LatencyHistogram()).ToArray();
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bound.CancelAfter(duration + TimeSpan.FromSeconds(10));
            var loops = sockets.Select((ws, i) => Task.Run(async () =>
            {
                var payload = Encoding.UTF8.GetBytes("{\"ping\":1234567890}");
                var buf = new byte[4096];
                while (Stopwatch.GetTimestamp() < end)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await ws.SendAsync(payload, WebSocketMessageType.Text, true, bound.Token).ConfigureAwait(false);
                    ValueWebSocketReceiveResult r;
                    do r = await ws.ReceiveAsync(buf.AsMemory(), bound.Token).ConfigureAwait(false);
                    while (!r.EndOfMessage);
                    histograms[i].Record((long)((Stopwatch.GetTimestamp() - t0) * 1_000_000.0 / Stopwatch.Frequency));
                }
            }, bound.Token)).ToArray();
            await Task.WhenAll(loops).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var total = new LatencyHistogram();
            foreach (var h in histograms) total.Add(h);
            return new Result(total.TotalCount / elapsed, total, total.TotalCount);
        }
        finally
        {
            foreach (var ws in sockets)
            {
                try
                {
                    using var closeCts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, closeCts.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    // Best effort close.
                }
                ws.Dispose();
            }
        }
    }
}
