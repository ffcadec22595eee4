namespace NitroConformance.Load.Workloads;

/// <summary>One submitted state whose pushes are awaited: arrival time per recipient position.</summary>
internal sealed class FanOutEvent
{
    private int _remaining;

    /// <summary>Creates an event for <paramref name="recipients"/> positions; <paramref name="skip"/> (the sender of a relayed message) expects nothing.</summary>
    public FanOutEvent(ulong version, long intendedTimestamp, int recipients, int skip = -1)
    {
        Version = version;
        IntendedTimestamp = intendedTimestamp;
        Arrivals = new long[recipients];
        _remaining = recipients;
        if (skip >= 0)
        {
            Arrivals[skip] = NotExpected;
            _remaining--;
        }
    }

    /// <summary>Arrival value of a position that expects no delivery.</summary>
    public const long NotExpected = -1;

    /// <summary>Session version the push must carry (0.2 included: the node increments it).</summary>
    public ulong Version { get; }

    /// <summary>Intended start of the iteration that caused the event: decides whether its push errors are measured.</summary>
    public long IntendedTimestamp { get; }

    /// <summary>Receipt timestamp per position; 0 = not yet.</summary>
    public long[] Arrivals { get; }

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
