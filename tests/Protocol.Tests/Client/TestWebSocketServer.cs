using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Tests.Client;

/// <summary>A minimal WebSocket server on 127.0.0.1 (ephemeral port) whose per-connection behaviour each test scripts.</summary>
internal sealed class TestWebSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<TestConnection, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    public TestWebSocketServer(Func<TestConnection, Task> handler, bool completeHandshake = true)
    {
        _handler = handler;
        _listener.Start();
        CompleteHandshake = completeHandshake;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public bool CompleteHandshake { get; }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ws");

    public static EthKey ServerKey { get; } = TestKeys.Named("server");

    /// <summary>A response frame as the Go server lays it out, signed by <paramref name="key"/> (default: the vectors' server key).</summary>
    public static string Response(ulong id, string method, JsonNode? result, ulong ts = 1735689600050, EthKey? key = null)
    {
        var res = "[" + id + "," + GoJson.Quote(method) + "," + GoJson.Serialize(result) + "," + ts + "]";
        var sig = (key ?? ServerKey).SignHashHex(RpcFrames.Digest(res));
        return "{\"res\":" + res + ",\"sig\":[\"" + sig + "\"]}";
    }

    public static string Error(ulong id, string text) => Response(id, RpcMethods.Error, new JsonObject { ["error"] = text });

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            lock (_connections) _connections.Add(Task.Run(() => ServeAsync(tcp)));
        }
    }

    private async Task ServeAsync(TcpClient tcp)
    {
        using var _ = tcp;
        var stream = tcp.GetStream();
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        handshakeTimeout.CancelAfter(TimeSpan.FromSeconds(10));
        string request;
        try
        {
            request = await ReadHeadersAsync(stream, handshakeTimeout.Token);
        }
        catch (Exception)
        {
            return;
        }
        if (!CompleteHandshake)
        {
            // Hold the TCP connection open without ever answering the upgrade.
            try { await Task.Delay(Timeout.Infinite, _stop.Token); } catch (OperationCanceledException) { }
            return;
        }
        var key = request.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).Single();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var connection = new TestConnection(socket, tcp, _stop.Token);
        try
        {
            await _handler(connection);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 16 * 1024)
        {
            if (await stream.ReadAsync(one, ct) == 0) throw new IOException("closed during handshake");
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
                return Encoding.ASCII.GetString(buffer.ToArray());
        }
        throw new IOException("handshake too long");
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] all;
        lock (_connections) all = [.. _connections, _acceptLoop];
        try
        {
            await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Handlers end by cancellation; a stuck one must not hang the test run.
        }
        _stop.Dispose();
    }
}

/// <summary>One accepted WebSocket connection in <see cref="TestWebSocketServer"/>.</summary>
internal sealed class TestConnection(WebSocket socket, TcpClient tcp, CancellationToken stop)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public WebSocket Socket { get; } = socket;

    public CancellationToken Stopping { get; } = stop;

    /// <summary>The next text message, or null when the peer closed.</summary>
    public async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var ms = new MemoryStream();
        while (true)
        {
            var r = await Socket.ReceiveAsync(buffer, Stopping);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", Stopping);
                return null;
            }
            ms.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) return Encoding.UTF8.GetString(ms.ToArray());
        }
    }

    public async Task SendAsync(string text)
    {
        await _sendLock.WaitAsync(Stopping);
        try
        {
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, Stopping);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task CloseAsync() => Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "server closing", Stopping);

    /// <summary>Drops the TCP connection without a close handshake.</summary>
    public void Kill()
    {
        Socket.Abort();
        tcp.Client.Close(0);
    }

    /// <summary>Waits until the server stops (a connection that never answers).</summary>
    public async Task HoldAsync()
    {
        try
        {
            while (await ReceiveAsync() is not null) { }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
