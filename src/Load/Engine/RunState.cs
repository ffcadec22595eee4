using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>One engine run as both runners see it: where it started, its metrics, its bounds, and the iterations in flight.</summary>
internal sealed class RunState(ILoadScenario scenario, EngineOptions options, MetricRegistry metrics, long origin, CancellationToken token)
{
    private long _inFlight;
    private long _started;
    private long _completed;

    public ILoadScenario Scenario { get; } = scenario;
    public EngineOptions Options { get; } = options;
    public MetricRegistry Metrics { get; } = metrics;
    /// <summary>Stopwatch timestamp of the schedule start (warm-up included).</summary>
    public long Origin { get; } = origin;
    /// <summary>Cancelled at the run's time bound.</summary>
    public CancellationToken Token { get; } = token;

    public long InFlight => Interlocked.Read(ref _inFlight);
    public long Started => Interlocked.Read(ref _started);
    public long Completed => Interlocked.Read(ref _completed);

    public bool UnderIterationCap() => Options.MaxIterations <= 0 || Started < Options.MaxIterations;

    /// <summary>Counts an iteration as started and in flight (before it is handed to <see cref="RunOneAsync"/>).</summary>
    public void Admit()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _started);
    }

    /// <summary>Runs one admitted iteration; an exception is an error on the headline metric.</summary>
    public async Task RunOneAsync(IterationContext ic)
    {
        try
        {
            await Scenario.RunIterationAsync(ic).ConfigureAwait(false);
            if (ic.Measured) Metrics.Increment(LoadEngine.CompletedIterations);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            ic.RecordError(Scenario.HeadlineMetric, "cancelled at time bound");
        }
        catch (Exception e)
        {
            ic.RecordError(Scenario.HeadlineMetric, LoadEngine.ErrorKind(e));
        }
        finally
        {
            Interlocked.Increment(ref _completed);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
