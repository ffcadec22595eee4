using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using NitroConformance.Fixtures.Auth;
using NitroConformance.Fixtures.Envelope;

namespace NitroConformance.Fixtures.Transport;

/// <summary>
/// One WebSocket connection: its bound identity and a bounded outbound queue drained by a single writer,
/// so frames leave in exactly the order they were queued (clearnode-rpc.md §1, §6.3).
/// </summary>
public sealed class NodeConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<OutboundFrame> _outbound;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the connection wrapper; call <see cref="RunWriterAsync"/> to start draining.</summary>
    public NodeConnection(long id, WebSocket socket, int queueCapacity)
    {
        Id = id;
        _socket = socket;
        _outbound = Channel.CreateBounded<OutboundFrame>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Node-local connection number.</summary>
    public long Id { get; }

    /// <summary>The wallet bound by <c>auth_verify</c>, or null while unauthenticated.</summary>
    public string? Wallet { get; private set; }

    /// <summary>The auth policy stored by the last successful <c>auth_verify</c>.</summary>
    public AuthPolicyState? Policy { get; private set; }

    /// <summary>Cancelled when the connection is closing.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Binds the connection to a wallet and its policy; returns true when the identity changed.</summary>
    public bool Bind(AuthPolicyState policy)
    {
        var changed = !string.Equals(Wallet, policy.Wallet, StringComparison.Ordinal);
        Wallet = policy.Wallet;
        Policy = policy;
        return changed;
    }

    /// <summary>
    /// Queues a frame. A connection whose queue is full (a client that stopped reading) is closed instead of
    /// blocking the node; frames for a closed connection are dropped.
    /// </summary>
    public void Enqueue(OutboundFrame frame)
    {
        if (_closed.IsCancellationRequested) return;
        if (!_outbound.Writer.TryWrite(frame)) Abort();
    }

    /// <summary>Writes queued frames as text messages until the connection closes.</summary>
    public async Task RunWriterAsync()
    {
        try
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync(_closed.Token).ConfigureAwait(false))
            {
                var bytes = Encoding.UTF8.GetBytes(frame.Text);
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _closed.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            Abort();
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }

    /// <summary>Completes when the writer has stopped (queue drained or connection aborted).</summary>
    public Task WriterDrained => _writerDone.Task;

    /// <summary>Stops the writer, drops pending frames and aborts the socket.</summary>
    public void Abort()
    {
        _outbound.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _socket.Abort();
    }

    /// <summary>Lets the writer finish the queued frames, then stops it.</summary>
    public void CompleteOutbound() => _outbound.Writer.TryComplete();
}
