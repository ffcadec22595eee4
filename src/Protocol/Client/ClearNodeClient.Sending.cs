using System.Net.WebSockets;
using System.Text;

namespace NitroConformance.Protocol.Client;

// The send side: one loop is the only writer to the socket; callers queue frames and wait until they are written.
public sealed partial class ClearNodeClient
{
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
                        _log.RecordOutbound(outgoing.Text);
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

    private sealed class OutgoingFrame(string text)
    {
        public string Text { get; } = text;
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
