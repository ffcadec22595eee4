using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

// The receive side: one loop reads whole messages, logs them, checks the broker signature and routes each frame
// to its pending request, to the push subscriptions, or to the unmatched queue; a second answer to an answered
// request is recorded as a violation.
public sealed partial class ClearNodeClient
{
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
        _log.Record(FrameDirection.Inbound, receivedAt, text);

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
            _pushes.Deliver(frame, item);
            return;
        }
        if (frame.Kind == RpcFrameKind.Response)
        {
            if (_pending.TryComplete(frame, signatureError)) return;
            // A second answer belongs to no request: queued, it would be read as the reply to the next raw frame.
            if (_pending.SecondAnswer(frame) is { } duplicate)
            {
                _violations.Enqueue(duplicate);
                return;
            }
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
}
