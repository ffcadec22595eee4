namespace NitroConformance.Load.Engine;

/// <summary>A live view of a running scenario, produced once per interval.</summary>
public sealed record ProgressState(
    string Scenario, TimeSpan Elapsed, TimeSpan Remaining, bool WarmingUp,
    double CurrentRate, long Samples, long Errors, long P99Micros, long Dropped, long InFlight);

/// <summary>Receives live progress (terminal view or nothing in quiet mode).</summary>
public interface IProgressSink
{
    /// <summary>Called about once per interval from the engine's timer.</summary>
    void Report(ProgressState state);
}

/// <summary>Discards progress (quiet mode, tests).</summary>
public sealed class NullProgress : IProgressSink
{
    /// <summary>Shared instance.</summary>
    public static NullProgress Instance { get; } = new();

    /// <inheritdoc/>
    public void Report(ProgressState state) { }
}
