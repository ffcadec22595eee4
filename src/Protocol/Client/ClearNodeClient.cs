using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>A NitroRPC WebSocket client: correlated requests, push subscriptions, optional broker-signature checks, frame log.</summary>
/// <remarks>One receive loop parses every frame; one send loop is the only writer to the socket. Every wait has a timeout
/// and honours cancellation; when the socket closes, every pending call fails at once with <see cref="ConnectionClosedException"/>.</remarks>
public sealed partial class ClearNodeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ClearNodeClientOptions _options;
    private readonly Func<ulong> _clock;
    private readonly PendingRequests _pending;
    private readonly Channel<OutgoingFrame> _outbox = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<InboundItem> _unmatched;
    private readonly FrameLog _log;
    private readonly ConcurrentQueue<Exception> _violations = new();
    private readonly PushRouter _pushes = new();
    private readonly CancellationTokenSource _lifetime = new();
    private ulong _nextRequestId;
    private long _unmatchedDropped;
    private volatile ConnectionClosedException? _closed;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private int _disposed;

    private ClearNodeClient(Uri uri, ClientWebSocket socket, ClearNodeClientOptions options)
    {
        Uri = uri;
        _socket = socket;
        _options = options;
        _clock = options.ClockMs ?? (() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _nextRequestId = options.FirstRequestId;
        _log = new FrameLog(options.FrameLogEnabled);
        _pending = new PendingRequests(Math.Max(0, options.AnsweredRequestMemory), keepResponses: options.FrameLogEnabled);
        _unmatched = Channel.CreateBounded<InboundItem>(
            new BoundedChannelOptions(Math.Max(1, options.UnmatchedBufferCapacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            _ => Interlocked.Increment(ref _unmatchedDropped));
    }

    /// <summary>The endpoint this client is connected to.</summary>
    public Uri Uri { get; }

    /// <summary>The options in force.</summary>
    public ClearNodeClientOptions Options => _options;

    /// <summary>True until the socket closes or fails.</summary>
    public bool IsConnected => _closed is null && _socket.State == WebSocketState.Open;

    /// <summary>Why the connection ended, or null while it is open.</summary>
    public ConnectionClosedException? ClosedReason => _closed;

    /// <summary>Completes when the connection has ended (for any reason).</summary>
    public Task Completion => _receiveLoop;

    /// <summary>Snapshot of the frame log (empty when <see cref="ClearNodeClientOptions.FrameLogEnabled"/> is off).</summary>
    public IReadOnlyList<LoggedFrame> FrameLog => _log.Snapshot();

    /// <summary>Broker-signature failures, unparseable server frames and second answers to one request
    /// (<see cref="DuplicateResponseException"/>) seen so far.</summary>
    public IReadOnlyList<Exception> ProtocolViolations => _violations.ToArray();

    /// <summary>With <see cref="ClearNodeClientOptions.SubscribeOnConnect"/>: every push since the connection opened; else null.</summary>
    public PushSubscription? InitialPushes { get; private set; }

    /// <summary>Unmatched responses dropped because nobody read them.</summary>
    public long UnmatchedDropped => Interlocked.Read(ref _unmatchedDropped);

    /// <summary>Opens the WebSocket and starts the receive and send loops; <see cref="TimeoutException"/> after <see cref="ClearNodeClientOptions.ConnectTimeout"/>.</summary>
    public static async Task<ClearNodeClient> ConnectAsync(Uri uri, ClearNodeClientOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        options ??= new ClearNodeClientOptions();
        var socket = new ClientWebSocket();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(uri, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Could not connect to {uri} within {options.ConnectTimeout.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or System.Net.Sockets.SocketException)
        {
            socket.Dispose();
            throw new ConnectionClosedException($"Could not connect to {uri}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var client = new ClearNodeClient(uri, socket, options);
        if (options.SubscribeOnConnect) client.InitialPushes = client.Subscribe();
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        client._sendLoop = Task.Run(client.SendLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>The next request id (monotonic per client, starting at <see cref="ClearNodeClientOptions.FirstRequestId"/>).</summary>
    public ulong NextRequestId() => Interlocked.Increment(ref _nextRequestId) - 1;

    /// <summary>The request clock in Unix ms (injectable via <see cref="ClearNodeClientOptions.ClockMs"/>).</summary>
    public ulong NowMs() => _clock();

    /// <summary>Builds an <see cref="RpcRequest"/> with the next id and the current clock.</summary>
    public RpcRequest CreateRequest(string method, JsonNode parameters, string? sid = null) =>
        new(NextRequestId(), method, parameters, NowMs(), sid);

    /// <summary>Signs <paramref name="parameters"/> under <paramref name="method"/> with every signer (none → <c>"sig":[]</c>), sends it and waits for the reply.</summary>
    /// <exception cref="RpcErrorException">The server answered <c>error</c>.</exception>
    /// <exception cref="TimeoutException">No reply within the timeout.</exception>
    /// <exception cref="ConnectionClosedException">The socket closed before the reply.</exception>
    public Task<RpcFrame> RequestAsync(string method, JsonNode parameters, IReadOnlyList<EthKey> signers, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(signers);
        var signed = RpcFrames.SignRequest(CreateRequest(method, parameters), signers);
        return SendSignedAsync(signed, timeout, ct);
    }

    /// <summary>Sends a prebuilt frame and waits for the response carrying its request id; same errors as <see cref="RequestAsync"/>.</summary>
    public async Task<RpcFrame> SendSignedAsync(SignedRequest request, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfClosed();
        var wait = timeout ?? _options.RequestTimeout;
        var pending = _pending.Add(request.RequestId, request.Method);
        try
        {
            // Closing may have raced with the registration above; fail now rather than at the timeout.
            if (_closed is { } closed) throw closed;
            await EnqueueSendAsync(request.Frame, wait, ct).ConfigureAwait(false);
            RpcFrame frame;
            try
            {
                frame = await pending.Completion.Task.WaitAsync(wait, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"No response to {request.Method} (request id {request.RequestId}) from {Uri} within {wait.TotalMilliseconds:0} ms.");
            }
            if (frame.IsError) throw new RpcErrorException(request.Method, request.Frame, frame);
            return frame;
        }
        finally
        {
            _pending.Remove(pending);
        }
    }

    /// <summary>Sends text as-is (malformed-input tests). Replies whose id matches no pending request go to <see cref="NextResponseAsync"/>.
    /// Raw frames are not tracked: an answered id the text reuses is forgotten, so its reply is not taken for a second answer.</summary>
    public Task SendRawAsync(string text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfClosed();
        foreach (var id in RawFrameIds.Read(text)) _pending.ForgetAnswered(id);
        return EnqueueSendAsync(text, _options.RequestTimeout, ct);
    }

    /// <summary>The next response that matched no pending request (never a push); throws what replaced it if it was unparseable or badly signed.</summary>
    public async Task<RpcFrame> NextResponseAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var item = await ChannelWait.ReadAsync(_unmatched.Reader, timeout, ct, ClosedError,
            () => new TimeoutException($"No unmatched response from {Uri} within {timeout.TotalMilliseconds:0} ms.")).ConfigureAwait(false);
        return item.Unwrap();
    }

    /// <summary>Subscribes to pushes (request id 0) with <paramref name="method"/> (null = all) passing <paramref name="filter"/>.
    /// Subscribe before sending the request whose pushes you expect: pushes that precede its response are kept.</summary>
    public PushSubscription Subscribe(string? method = null, Func<RpcFrame, bool>? filter = null)
    {
        var sub = new PushSubscription(method, filter, _options.PushBufferCapacity, Unsubscribe, ClosedError);
        if (!_pushes.TryAdd(sub)) sub.Complete();
        return sub;
    }

    /// <summary>Closes cleanly (close handshake, bounded by <see cref="ClearNodeClientOptions.CloseTimeout"/>, then abort).</summary>
    public async Task CloseAsync(CancellationToken ct = default)
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_options.CloseTimeout);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", cts.Token).ConfigureAwait(false);
                await _receiveLoop.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                _socket.Abort();
            }
        }
        MarkClosed(new ConnectionClosedException($"Connection to {Uri} was closed by the client."));
        _lifetime.Cancel();
        try
        {
            await Task.WhenAll(_receiveLoop, _sendLoop).WaitAsync(_options.CloseTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }
    }

    /// <summary>Closes (bounded) and releases the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Disposal must not throw over an already broken socket.
        }
        _socket.Dispose();
        _lifetime.Dispose();
    }

    private void Unsubscribe(PushSubscription sub) => _pushes.Remove(sub);

    private Exception ClosedError() => _closed ?? new ConnectionClosedException($"Connection to {Uri} is closed.");

    private void ThrowIfClosed()
    {
        if (_closed is { } closed) throw closed;
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(ClearNodeClient));
    }

    private void MarkClosed(ConnectionClosedException reason)
    {
        // The first reason wins; every later caller finds the connection already closed.
        if (Interlocked.CompareExchange(ref _closed, reason, null) is not null) return;
        _pending.FailAll(reason);
        _pushes.CompleteAll();
        _unmatched.Writer.TryComplete();
        _outbox.Writer.TryComplete();
    }
}
