namespace NitroConformance.Fixtures.Tests.Support;

/// <summary>A clock the test moves by hand (node and client share it).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>Starts at the current real time.</summary>
    public ManualClock() : this(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>The current time; setting it jumps the clock (forward or back).</summary>
    public DateTimeOffset Now
    {
        get { lock (this) return _now; }
        set { lock (this) _now = value; }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        lock (this) _now += by;
    }

    /// <summary>Current time in Unix ms.</summary>
    public ulong NowMs() => (ulong)GetUtcNow().ToUnixTimeMilliseconds();
}
