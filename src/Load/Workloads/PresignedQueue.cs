using System.Collections.Concurrent;

namespace NitroConformance.Load.Workloads;

/// <summary>Items signed ahead of use, discarded once older than a maximum age (requests must stay inside the node's 60 s timestamp window).</summary>
internal sealed class PresignedQueue<T>(int depth, long maxAgeMs, Func<T> sign)
{
    private readonly ConcurrentQueue<(long SignedAtMs, T Item)> _queue = new();

    /// <summary>Items signed inline because the queue was empty.</summary>
    public long InlineSigns;

    /// <summary>Takes a fresh item, signing inline (and counting it) when none is ready.</summary>
    public T Take()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (_queue.TryDequeue(out var e))
            if (now - e.SignedAtMs <= maxAgeMs) return e.Item;
        Interlocked.Increment(ref InlineSigns);
        return sign();
    }

    /// <summary>Drops stale items and tops the queue up to its depth (called from the background signer).</summary>
    public void Refill()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (_queue.TryPeek(out var head) && now - head.SignedAtMs > maxAgeMs) _queue.TryDequeue(out _);
        while (_queue.Count < depth) _queue.Enqueue((now, sign()));
    }
}
