using System.Threading.Channels;

namespace NitroConformance.Protocol.Client;

/// <summary>Reads one item from a channel with a timeout without losing items to abandoned reads.</summary>
internal static class ChannelWait
{
    public static async Task<InboundItem> ReadAsync(ChannelReader<InboundItem> reader, TimeSpan timeout, CancellationToken ct,
        Func<Exception> onCompleted, Func<TimeoutException> onTimeout)
    {
        if (reader.TryRead(out var ready)) return ready;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan) cts.CancelAfter(timeout);
        try
        {
            while (await reader.WaitToReadAsync(cts.Token).ConfigureAwait(false))
            {
                if (reader.TryRead(out var item)) return item;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw onTimeout();
        }
        throw onCompleted();
    }
}
