using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NitroConformance.Load.Calibration;

/// <summary>
/// Bare Kestrel WebSocket echo on 127.0.0.1 (ephemeral port): the reference target for calibrating the harness.
/// Optionally stalls every reply for <c>stall</c> once per <c>period</c> (the coordinated-omission check).
/// </summary>
public sealed class LoopbackEchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeSpan _stall;
    private readonly TimeSpan _period;
    private readonly long _origin = System.Diagnostics.Stopwatch.GetTimestamp();

    private LoopbackEchoServer(WebApplication app, TimeSpan stall, TimeSpan period)
    {
        _app = app;
        _stall = stall;
        _period = period;
    }

    /// <summary>WebSocket URL, ws://127.0.0.1:port/ws.</summary>
    public Uri Url { get; private set; } = new("ws://127.0.0.1/");

    /// <summary>Starts the server; a positive <paramref name="stall"/> holds replies during the first <paramref name="stall"/> of every <paramref name="period"/>.</summary>
    public static async Task<LoopbackEchoServer> StartAsync(TimeSpan stall = default, TimeSpan period = default, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackEchoServer(app, stall, period <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : period);
        app.UseWebSockets();
        app.Map("/ws", server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }
        using var ws = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var buffer = new byte[64 * 1024];
        var token = http.RequestAborted;
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var r = await ws.ReceiveAsync(buffer.AsMemory(), token).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close) break;
                var n = r.Count;
                while (!r.EndOfMessage && n < buffer.Length)
                {
                    r = await ws.ReceiveAsync(buffer.AsMemory(n), token).ConfigureAwait(false);
                    n += r.Count;
                }
                var hold = StallRemaining();
                if (hold > TimeSpan.Zero) await Task.Delay(hold, token).ConfigureAwait(false);
                await ws.SendAsync(buffer.AsMemory(0, n), WebSocketMessageType.Text, true, token).ConfigureAwait(false);
            }
            if (ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Client went away; nothing to report.
        }
    }

    private TimeSpan StallRemaining()
    {
        if (_stall <= TimeSpan.Zero) return TimeSpan.Zero;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_origin);
        var intoPeriod = TimeSpan.FromTicks(elapsed.Ticks % _period.Ticks);
        return intoPeriod < _stall ? _stall - intoPeriod : TimeSpan.Zero;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
