using System.Net.WebSockets;
using System.Text;

namespace NitroConformance.Fixtures.Tests.Support;

/// <summary>A bare WebSocket for frames the protocol client will not send (binary, invalid UTF-8, empty, oversize).</summary>
public sealed class RawSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    /// <summary>The close status the server sent, once closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Connects to <paramref name="url"/>.</summary>
    public static async Task<RawSocket> ConnectAsync(Uri url)
    {
        var raw = new RawSocket();
        using var cts = new CancellationTokenSource(NodeHarness.Wait);
        await raw._socket.ConnectAsync(url, cts.Token);
        return raw;
    }

    /// <summary>Sends one message of the given type.</summary>
    public async Task SendAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var cts = new CancellationTokenSource(NodeHarness.Wait);
        await _socket.SendAsync(bytes, type, endOfMessage: true, cts.Token);
    }

    /// <summary>Sends UTF-8 text as a text (or binary) message.</summary>
    public Task SendTextAsync(string text, bool binary = false) =>
        SendAsync(Encoding.UTF8.GetBytes(text), binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);

    /// <summary>The next message as text, or null when the server closed the connection.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? NodeHarness.Wait);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cts.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    /// <summary>Receives until a frame whose text contains <paramref name="marker"/> arrives (pushes skipped).</summary>
    public async Task<string> ReceiveContainingAsync(string marker)
    {
        while (true)
        {
            var text = await ReceiveAsync() ?? throw new InvalidOperationException($"connection closed before a frame containing {marker}");
            if (text.Contains(marker, StringComparison.Ordinal)) return text;
        }
    }

    /// <summary>Like <see cref="ReceiveContainingAsync"/> but returns null when the server closes first.</summary>
    public async Task<string?> ReceiveContainingOrClosedAsync(string marker)
    {
        while (true)
        {
            var text = await ReceiveAsync();
            if (text is null || text.Contains(marker, StringComparison.Ordinal)) return text;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
