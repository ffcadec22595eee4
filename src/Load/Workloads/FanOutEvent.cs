namespace NitroConformance.Load.Workloads;

/// <summary>One submitted state whose pushes are awaited: arrival time per recipient position.</summary>
internal sealed class FanOutEvent(ulong version, int recipients)
{
    private int _remaining = recipients;

    /// <summary>Session version the push must carry (0.2 included: the node increments it).</summary>
    public ulong Version { get; } = version;

    /// <summary>Receipt timestamp per position; 0 = not yet.</summary>
    public long[] Arrivals { get; } = new long[recipients];

    /// <summary>Completes when every recipient has its push.</summary>
    public TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Records an arrival; false when this position already had one (duplicate).</summary>
    public bool Arrive(int position, long timestamp)
    {
        if (Interlocked.CompareExchange(ref Arrivals[position], timestamp, 0) != 0) return false;
        if (Interlocked.Decrement(ref _remaining) == 0) AllArrived.TrySetResult();
        return true;
    }
}
