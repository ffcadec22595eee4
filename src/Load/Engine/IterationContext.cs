using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>What one iteration sees: its intended start time, whether it is measured (not warm-up), and where to record samples.</summary>
public sealed class IterationContext
{
    internal IterationContext(long number, long intendedTimestamp, int copy, MetricRegistry metrics, CancellationToken token)
    {
        Number = number;
        IntendedTimestamp = intendedTimestamp;
        Measured = metrics.IsMeasured(intendedTimestamp);
        Copy = copy;
        Metrics = metrics;
        Token = token;
    }

    /// <summary>Sequence number of the iteration within the run (warm-up included).</summary>
    public long Number { get; }

    /// <summary>When the schedule intended this iteration to start (Stopwatch timestamp); latencies are measured from here.</summary>
    public long IntendedTimestamp { get; }

    /// <summary>False during warm-up: samples are then discarded.</summary>
    public bool Measured { get; }

    /// <summary>Closed model: index of the copy running this iteration; open model: -1.</summary>
    public int Copy { get; }

    /// <summary>The run's metrics.</summary>
    public MetricRegistry Metrics { get; }

    /// <summary>Cancelled when the run's time bound is reached.</summary>
    public CancellationToken Token { get; }

    /// <summary>Records the latency from the intended start to <paramref name="endTimestamp"/> on <paramref name="metric"/>.</summary>
    public void Record(string metric, long endTimestamp) => RecordBetween(metric, IntendedTimestamp, endTimestamp);

    /// <summary>Records the latency between two timestamps on <paramref name="metric"/>.</summary>
    public void RecordBetween(string metric, long startTimestamp, long endTimestamp)
    {
        if (Measured) Metrics.Get(metric).RecordMicros(RunClock.MicrosBetween(startTimestamp, endTimestamp));
    }

    /// <summary>Records a failure of kind <paramref name="kind"/> on <paramref name="metric"/>.</summary>
    public void RecordError(string metric, string kind)
    {
        if (Measured) Metrics.Get(metric).RecordError(kind);
    }

    /// <summary>Adds to a run counter (only when measured).</summary>
    public void Count(string counter, long by = 1)
    {
        if (Measured) Metrics.Increment(counter, by);
    }
}
