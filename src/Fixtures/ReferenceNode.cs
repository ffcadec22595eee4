using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NitroConformance.Fixtures.Envelope;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Fixtures.Routing;
using NitroConformance.Fixtures.Transport;

namespace NitroConformance.Fixtures;

/// <summary>
/// The embedded reference ClearNode: an in-process Kestrel server (on 127.0.0.1 unless
/// <see cref="ReferenceNodeOptions.Host"/> says otherwise) speaking the v0.5 WebSocket RPC on
/// <c>/ws</c>. Every instance has its own state, keys and seeded defects.
/// </summary>
public sealed class ReferenceNode : IAsyncDisposable
{
    private readonly NodeRuntime _runtime;
    private readonly object _lifecycle = new();
    private WebApplication _app = null!;
    private RpcRouter _router = null!;
    private CancellationTokenSource _stopping = new();
    private TaskCompletionSource<GoPanicException> _crashed = NewCrashSignal();
    private Task? _stopped;
    private long _nextConnectionId;
    private int _disposed;

    private ReferenceNode(NodeRuntime runtime) => _runtime = runtime;

    /// <summary>WebSocket endpoint, e.g. <c>ws://127.0.0.1:41234/ws</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>EIP-55 address of the broker key (what <c>get_config</c> reports).</summary>
    public string BrokerAddress => _runtime.Broker.Address;

    /// <summary>The node's shared state (for wiring handlers and for tests of this project).</summary>
    public NodeRuntime Runtime => _runtime;

    /// <summary>The request router (additional handlers can be registered before clients connect; a restart builds a new one).</summary>
    public RpcRouter Router => _router;

    /// <summary>The profile this node imitates.</summary>
    public NodeProfile Profile => _runtime.Options.Profile;

    /// <summary>Seed of the random iteration orders, or null when orders are fixed.</summary>
    public int? RandomSeed => _runtime.Behaviour.Order.Seed;

    /// <summary>
    /// Completes when the node has died of a Go panic (<see cref="NodeProfile.GoV05"/> only) and its listener is closed:
    /// every connection was aborted and new ones are refused until <see cref="RestartAsync"/>. Never completes otherwise.
    /// </summary>
    public Task<GoPanicException> Crashed => _crashed.Task;

    /// <summary>True from the panic until <see cref="RestartAsync"/>.</summary>
    public bool HasCrashed => _runtime.IsDead;

    /// <summary>Credits <paramref name="amount"/> of <paramref name="asset"/> to <paramref name="wallet"/>'s unified balance (test seeding hook).</summary>
    public void Credit(string wallet, string asset, decimal amount)
    {
        lock (_runtime.StateLock)
        {
            _runtime.Ledger.Credit(wallet, asset, amount, _runtime.Clock.GetUtcNow());
        }
    }

    /// <summary>Starts a node with <paramref name="options"/> and returns once it accepts connections.</summary>
    public static async Task<ReferenceNode> StartAsync(ReferenceNodeOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ReferenceNodeOptions();
        OptionsValidator.Validate(options);
        var runtime = new NodeRuntime(options);
        NodeComposition.Seed(runtime);
        var node = new ReferenceNode(runtime);
        await node.ListenAsync(options.Port, ct).ConfigureAwait(false);
        return node;
    }

    /// <summary>
    /// Brings a crashed node back on the same address, as a restarted Go process: the ledger, app sessions, session keys,
    /// tags and RPC history (the Go node's database) are kept; challenges, auth sessions and the transfer replay cache
    /// (its memory) start empty. Handlers registered through <see cref="Router"/> must be registered again.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        if (!_runtime.IsDead) throw new InvalidOperationException("Only a crashed node can be restarted.");
        await Crashed.ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        lock (_lifecycle)
        {
            _stopping = new CancellationTokenSource();
            _crashed = NewCrashSignal();
            _stopped = null;
        }
        lock (_runtime.StateLock) _runtime.Revive();
        await ListenAsync(Url.Port, ct).ConfigureAwait(false);
    }

    private static TaskCompletionSource<GoPanicException> NewCrashSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ListenAsync(int port, CancellationToken ct)
    {
        var options = _runtime.Options;
        var router = new RpcRouter(_runtime);
        NodeComposition.Compose(_runtime, router);
        _router = router;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Parse(options.Host), port);
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        // The embedding process owns Ctrl+C and SIGTERM; the host must not react to them on its own.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();

        // No keep-alive pings: the Go node sends none (clearnode-rpc.md §1).
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Map("/ws", AcceptAsync);

        await app.StartAsync(ct).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri($"ws://{ClientHost(options.Host)}:{new Uri(address).Port}/ws");
        _ = CloseAfterDeathAsync(_runtime.Death, _crashed);
    }

    // A Go panic ends the process: the runtime already dropped every connection; here the listener goes too.
    private async Task CloseAfterDeathAsync(Task<GoPanicException> death, TaskCompletionSource<GoPanicException> crashed)
    {
        var panic = await death.ConfigureAwait(false);
        await StopListenerAsync().ConfigureAwait(false);
        crashed.TrySetResult(panic);
    }

    // Stops the server once, whoever asks first (a death or DisposeAsync).
    private Task StopListenerAsync()
    {
        lock (_lifecycle)
        {
            return _stopped ??= StopOnceAsync(_app, _stopping);
        }
    }

    private async Task StopOnceAsync(WebApplication app, CancellationTokenSource stopping)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var connection in _runtime.Hub.All.ToList()) connection.Abort();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // The address a local client dials: a wildcard bind is reached through loopback of the same family.
    private static string ClientHost(string host)
    {
        var address = IPAddress.Parse(host);
        if (address.Equals(IPAddress.Any)) return "127.0.0.1";
        if (address.Equals(IPAddress.IPv6Any)) return "[::1]";
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (_runtime.IsDead)
        {
            // Between the panic and the listener's close: a dead process accepts nothing.
            context.Abort();
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new NodeConnection(Interlocked.Increment(ref _nextConnectionId), socket, _runtime.Options.OutboundQueueCapacity);
        _runtime.Hub.Add(connection);
        var writer = Task.Run(connection.RunWriterAsync);
        try
        {
            _router.OnConnected(connection);
            await ReadLoopAsync(connection, socket).ConfigureAwait(false);
        }
        finally
        {
            _runtime.Hub.Remove(connection);
            connection.Abort();
            await writer.ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(NodeConnection connection, WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        var maxBytes = _runtime.Options.MaxFrameBytes;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, connection.Closed);
        try
        {
            while (true)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAfterQueueAsync(connection, socket, WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                        return;
                    }
                    if (message.Length + result.Count > maxBytes)
                    {
                        // Oversize: the standard "message too big" close code; the frame is never parsed.
                        await CloseAfterQueueAsync(connection, socket, WebSocketCloseStatus.MessageTooBig,
                            $"message exceeds {maxBytes} bytes").ConfigureAwait(false);
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);

                if (message.Length == 0) continue;
                var text = EnvelopeDecoder.DecodeUtf8(message.GetBuffer().AsSpan(0, (int)message.Length));
                _router.Process(connection, text);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            // Protocol violations (e.g. invalid UTF-8 in a text frame) and aborted sockets end this connection only.
            if (socket.State == WebSocketState.CloseSent) await DrainUntilClosedAsync(socket).ConfigureAwait(false);
        }
    }

    // After our close frame, read until the peer's close frame (or a short timeout) so the socket is not reset
    // with unread data, which could make the peer lose the close status.
    private static async Task DrainUntilClosedAsync(WebSocket socket)
    {
        var scratch = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(scratch, timeout.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    // Lets already queued frames go out, then performs the close handshake with the given status.
    private static async Task CloseAfterQueueAsync(NodeConnection connection, WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        connection.CompleteOutbound();
        await connection.WriterDrained.ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            await DrainUntilClosedAsync(socket).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Stops accepting, closes every connection and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await StopListenerAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
