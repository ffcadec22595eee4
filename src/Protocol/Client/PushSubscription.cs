using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>A bounded queue of server pushes (request id 0) matching a method and/or filter; dispose to stop receiving.</summary>
public sealed class PushSubscription : IDisposable
{
    private readonly Channel<InboundItem> _channel;
    private readonly Action<PushSubscription> _onDispose;
    private readonly Func<Exception> _closedError;
    private long _dropped;

    internal PushSubscription(string? method, Func<RpcFrame, bool>? filter, int capacity, Action<PushSubscription> onDispose, Func<Exception> closedError)
    {
        Method = method;
        Filter = filter;
        _onDispose = onDispose;
        _closedError = closedError;
        _channel = Channel.CreateBounded<InboundItem>(
            new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The push method this subscription takes, or null for all.</summary>
    public string? Method { get; }

    /// <summary>Extra predicate, or null.</summary>
    public Func<RpcFrame, bool>? Filter { get; }

    /// <summary>Pushes discarded because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Waits for the next matching push; <see cref="TimeoutException"/> after <paramref name="timeout"/>,
    /// <see cref="ConnectionClosedException"/> once the socket closed and the buffer is empty.</summary>
    public async Task<RpcFrame> NextAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var item = await ChannelWait.ReadAsync(_channel.Reader, timeout, ct, _closedError,
            () => new TimeoutException($"No '{Method ?? "any"}' push arrived within {timeout.TotalMilliseconds:0} ms.")).ConfigureAwait(false);
        return item.Unwrap();
    }

    /// <summary>Takes a buffered push without waiting.</summary>
    public bool TryRead([MaybeNullWhen(false)] out RpcFrame frame)
    {
        if (_channel.Reader.TryRead(out var item))
        {
            frame = item.Unwrap();
            return true;
        }
        frame = null;
        return false;
    }

    /// <summary>Takes every buffered push now.</summary>
    public IReadOnlyList<RpcFrame> Drain()
    {
        var list = new List<RpcFrame>();
        while (TryRead(out var f)) list.Add(f);
        return list;
    }

    /// <summary>Stops delivery; buffered items stay readable.</summary>
    public void Dispose()
    {
        _onDispose(this);
        _channel.Writer.TryComplete();
    }

    internal bool Matches(RpcFrame frame) => Method is null || frame.Method == Method;

    internal void Offer(InboundItem item) => _channel.Writer.TryWrite(item);

    internal void Complete() => _channel.Writer.TryComplete();
}
