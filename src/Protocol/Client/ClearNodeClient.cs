using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>A NitroRPC WebSocket client: correlated requests, push subscriptions, optional broker-signature checks, frame log.</summary>
/// <remarks>One receive loop parses every frame; one send loop is the only writer to the socket. Every wait has a timeout
/// and honours cancellation; when the socket closes, every pending call fails at once with <see cref="ConnectionClosedException"/>.</remarks>
public sealed class ClearNodeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ClearNodeClientOptions _options;
    private readonly Func<ulong> _clock;
    private readonly ConcurrentDictionary<ulong, PendingRequest> _pending = new();
    private readonly Channel<OutgoingFrame> _outbox = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<InboundItem> _unmatched;
    private readonly ConcurrentQueue<LoggedFrame> _log = new();
    private readonly ConcurrentQueue<Exception> _violations = new();
    private readonly Lock _subscriptionLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private PushSubscription[] _subscriptions = [];
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
    public IReadOnlyList<LoggedFrame> FrameLog => _log.ToArray();

    /// <summary>Broker-signature failures and unparseable server frames seen so far.</summary>
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
        var pending = new PendingRequest(request);
        if (!_pending.TryAdd(request.RequestId, pending))
            throw new InvalidOperationException($"Request id {request.RequestId} is already waiting for a response on this client.");
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
            _pending.TryRemove(new KeyValuePair<ulong, PendingRequest>(request.RequestId, pending));
        }
    }

    /// <summary>Sends text as-is (malformed-input tests). Replies whose id matches no pending request go to <see cref="NextResponseAsync"/>.</summary>
    public Task SendRawAsync(string text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfClosed();
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
        lock (_subscriptionLock)
        {
            if (_closed is not null)
            {
                sub.Complete();
                return sub;
            }
            _subscriptions = [.. _subscriptions, sub];
        }
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

    private void Unsubscribe(PushSubscription sub)
    {
        lock (_subscriptionLock)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, sub));
        }
    }

    private Exception ClosedError() => _closed ?? new ConnectionClosedException($"Connection to {Uri} is closed.");

    private void ThrowIfClosed()
    {
        if (_closed is { } closed) throw closed;
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(ClearNodeClient));
    }

    private async Task EnqueueSendAsync(string text, TimeSpan timeout, CancellationToken ct)
    {
        var outgoing = new OutgoingFrame(text);
        if (!_outbox.Writer.TryWrite(outgoing)) throw ClosedError();
        try
        {
            await outgoing.Sent.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Could not send a frame to {Uri} within {timeout.TotalMilliseconds:0} ms.");
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_lifetime.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var outgoing))
                {
                    if (_closed is { } closed)
                    {
                        outgoing.Sent.TrySetException(closed);
                        continue;
                    }
                    var bytes = Encoding.UTF8.GetBytes(outgoing.Text);
                    try
                    {
                        // Logged before the write so a fast reply can never precede its request in the log.
                        if (_options.FrameLogEnabled)
                            _log.Enqueue(new LoggedFrame(FrameDirection.Outbound, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow, outgoing.Text));
                        await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, _lifetime.Token).ConfigureAwait(false);
                        outgoing.Sent.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        var error = new ConnectionClosedException($"Sending to {Uri} failed: {ex.Message}", ex);
                        outgoing.Sent.TrySetException(error);
                        MarkClosed(error);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Client closing.
        }
        finally
        {
            var error = ClosedError();
            while (reader.TryRead(out var left)) left.Sent.TrySetException(error);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        ConnectionClosedException? reason = null;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), _lifetime.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var status = _socket.CloseStatus?.ToString() ?? "none";
                    reason = new ConnectionClosedException($"Connection to {Uri} was closed by the server (status {status}: {_socket.CloseStatusDescription}).");
                    await AnswerCloseAsync().ConfigureAwait(false);
                    break;
                }
                if (message.WrittenCount + result.Count > _options.MaxFrameBytes)
                {
                    reason = new ConnectionClosedException($"Server sent a message larger than {_options.MaxFrameBytes} bytes; connection dropped.");
                    _socket.Abort();
                    break;
                }
                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage) continue;
                var receivedAt = Stopwatch.GetTimestamp();
                var text = Encoding.UTF8.GetString(message.WrittenSpan);
                message.ResetWrittenCount();
                if (text.Length == 0) continue;
                HandleInbound(text, receivedAt);
            }
        }
        catch (OperationCanceledException)
        {
            reason = new ConnectionClosedException($"Connection to {Uri} was closed by the client.");
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            reason = new ConnectionClosedException($"Connection to {Uri} failed: {ex.Message}", ex);
        }
        finally
        {
            MarkClosed(reason ?? new ConnectionClosedException($"Connection to {Uri} ended."));
        }
    }

    private async Task AnswerCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived) return;
        using var cts = new CancellationTokenSource(_options.CloseTimeout);
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    private void HandleInbound(string text, long receivedAt)
    {
        if (_options.FrameLogEnabled)
            _log.Enqueue(new LoggedFrame(FrameDirection.Inbound, receivedAt, DateTimeOffset.UtcNow, text));

        if (!RpcFrameParser.TryParse(text, out var parsed, out var parseError))
        {
            _violations.Enqueue(parseError!);
            _unmatched.Writer.TryWrite(new InboundItem(null, parseError));
            return;
        }
        var frame = parsed! with { ReceivedTimestamp = receivedAt };
        Exception? signatureError = null;
        if (_options.ExpectedBroker is { } broker && frame.Kind == RpcFrameKind.Response)
        {
            signatureError = CheckBrokerSignature(frame, broker);
            if (signatureError is not null) _violations.Enqueue(signatureError);
        }
        var item = new InboundItem(signatureError is null ? frame : null, signatureError);

        if (frame.IsPush)
        {
            _options.PushObserver?.Invoke(frame);
            foreach (var sub in Volatile.Read(ref _subscriptions))
            {
                if (!sub.Matches(frame)) continue;
                bool accepted;
                try
                {
                    accepted = sub.Filter is null || sub.Filter(frame);
                }
                catch (Exception ex)
                {
                    sub.Offer(new InboundItem(null, new InvalidOperationException($"Push filter threw on '{frame.Method}': {ex.Message}", ex)));
                    continue;
                }
                if (accepted) sub.Offer(item);
            }
            return;
        }
        if (frame.Kind == RpcFrameKind.Response && _pending.TryRemove(frame.RequestId, out var pending))
        {
            if (signatureError is not null) pending.Completion.TrySetException(signatureError);
            else pending.Completion.TrySetResult(frame);
            return;
        }
        _unmatched.Writer.TryWrite(item);
    }

    private static BrokerSignatureException? CheckBrokerSignature(RpcFrame frame, string broker)
    {
        if (frame.Signatures.Count == 0) return new BrokerSignatureException(frame, broker, null);
        var digest = RpcFrames.Digest(frame.RawArray);
        if (!Signature.TryRecoverAddress(digest, frame.Signatures[0], out var recovered))
            return new BrokerSignatureException(frame, broker, null);
        return string.Equals(recovered, broker, StringComparison.OrdinalIgnoreCase) ? null : new BrokerSignatureException(frame, broker, recovered);
    }

    private void MarkClosed(ConnectionClosedException reason)
    {
        PushSubscription[] subs;
        lock (_subscriptionLock)
        {
            if (_closed is not null) return;
            _closed = reason;
            subs = _subscriptions;
            _subscriptions = [];
        }
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var p)) p.Completion.TrySetException(reason);
        }
        foreach (var sub in subs) sub.Complete();
        _unmatched.Writer.TryComplete();
        _outbox.Writer.TryComplete();
    }

    private sealed class PendingRequest(SignedRequest request)
    {
        public SignedRequest Request { get; } = request;
        public TaskCompletionSource<RpcFrame> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class OutgoingFrame(string text)
    {
        public string Text { get; } = text;
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
