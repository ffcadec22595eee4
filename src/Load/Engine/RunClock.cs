using System.Diagnostics;

namespace NitroConformance.Load.Engine;

/// <summary>Monotonic clock of a run (Stopwatch ticks) with conversions to microseconds.</summary>
public static class RunClock
{
    /// <summary>Current monotonic timestamp.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Microseconds between two timestamps.</summary>
    public static long MicrosBetween(long from, long to) => (long)((to - from) * 1_000_000.0 / Stopwatch.Frequency);

    /// <summary>Timestamp <paramref name="seconds"/> after <paramref name="origin"/>.</summary>
    public static long Add(long origin, double seconds) => origin + (long)(seconds * Stopwatch.Frequency);

    /// <summary>Seconds between two timestamps.</summary>
    public static double SecondsBetween(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}
