using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>
/// Runs a scenario once: declares and zeroes its metrics, hands the schedule to the open- or closed-model runner,
/// drains, closes the series and bounds the whole run in time; latencies run from intended start times.
/// </summary>
public sealed class LoadEngine
{
    /// <summary>Counter: open-model iterations not started because <see cref="EngineOptions.MaxInFlight"/> was reached.</summary>
    public const string DroppedIterations = "dropped_iterations";

    /// <summary>Counter: open-model iterations started later than <see cref="EngineOptions.LateAfter"/>.</summary>
    public const string LateIterations = "late_iterations";

    /// <summary>Counter: iterations that completed (measured only).</summary>
    public const string CompletedIterations = "iterations";

    /// <summary>The counters every run has, whatever the workload.</summary>
    public static IReadOnlyList<MetricDeclaration> Counters { get; } =
        [MetricDeclaration.Counter(CompletedIterations), MetricDeclaration.Counter(DroppedIterations), MetricDeclaration.Counter(LateIterations)];

    private readonly EngineOptions _options;
    private readonly IProgressSink _progress;

    /// <summary>Creates an engine with the given bounds and progress sink.</summary>
    public LoadEngine(EngineOptions options, IProgressSink? progress = null)
    {
        options.Validate();
        _options = options;
        _progress = progress ?? NullProgress.Instance;
    }

    /// <summary>Every metric of a run of <paramref name="scenario"/>: the engine's counters and the workload's declarations.</summary>
    public static IReadOnlyList<MetricDeclaration> DeclaredMetrics(ILoadScenario scenario) => [.. Counters, .. scenario.Metrics];

    /// <summary>Runs an already initialised scenario to the end of its schedule (or the time bound) and returns the metrics.</summary>
    public async Task<EngineResult> RunAsync(ILoadScenario scenario, CancellationToken ct = default)
    {
        var startedUtc = DateTimeOffset.UtcNow;
        var origin = RunClock.Now;
        var measureStart = RunClock.Add(origin, _options.WarmUp.TotalSeconds);
        var metrics = new MetricRegistry(DeclaredMetrics(scenario), measureStart);
        scenario.BeginRun(metrics);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Time bound: schedule + drain + a little; nothing outlives it.
        hardStop.CancelAfter(_options.TotalDuration + _options.Drain + TimeSpan.FromSeconds(1));
        var run = new RunState(scenario, _options, metrics, origin, hardStop.Token);
        using var tickerStop = new CancellationTokenSource();
        var ticker = Task.Run(() => TickAsync(run, measureStart, tickerStop.Token), CancellationToken.None);
        double measured;
        try
        {
            if (_options.Simulations[0].IsOpen) await OpenModelRunner.RunAsync(run).ConfigureAwait(false);
            else await ClosedModelRunner.RunAsync(run).ConfigureAwait(false);
            await DrainAsync(run).ConfigureAwait(false);
        }
        finally
        {
            var end = RunClock.Now;
            tickerStop.Cancel();
            await ticker.ConfigureAwait(false);
            // Close the last partial interval so the series covers the whole measured time.
            measured = Math.Max(0, RunClock.SecondsBetween(measureStart, end));
            var lastBoundary = Math.Floor(measured / _options.Interval.TotalSeconds) * _options.Interval.TotalSeconds;
            if (end > measureStart && measured - lastBoundary > 0.05)
                metrics.CloseInterval(measured, measured - lastBoundary);
        }
        var bound = hardStop.IsCancellationRequested && !ct.IsCancellationRequested;
        // Stragglers past the drain stop now instead of outliving the run.
        await hardStop.CancelAsync().ConfigureAwait(false);
        return new EngineResult(metrics, startedUtc, measured, run.Started, run.Completed, bound);
    }

    /// <summary>Short, bounded-cardinality error label for an exception.</summary>
    public static string ErrorKind(Exception e)
    {
        var text = e.Message.Length > 80 ? e.Message[..80] : e.Message;
        return $"{e.GetType().Name}: {text}";
    }

    private async Task DrainAsync(RunState run)
    {
        var deadline = RunClock.Add(RunClock.Now, _options.Drain.TotalSeconds);
        while (run.InFlight > 0 && RunClock.Now < deadline && !run.Token.IsCancellationRequested)
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task TickAsync(RunState run, long measureStart, CancellationToken stop)
    {
        var interval = _options.Interval.TotalSeconds;
        var k = 1;
        var total = _options.TotalDuration.TotalSeconds;
        var headline = run.Scenario.HeadlineMetric;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var now = RunClock.Now;
                var warming = now < measureStart;
                // Progress every interval; series intervals are aligned to the end of warm-up.
                var next = warming ? Math.Min(RunClock.Add(now, interval), measureStart) : RunClock.Add(measureStart, k * interval);
                var wait = RunClock.SecondsBetween(RunClock.Now, next);
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait), stop).ConfigureAwait(false);
                now = RunClock.Now;
                if (now >= RunClock.Add(measureStart, k * interval - 1e-6))
                {
                    run.Metrics.CloseInterval(k * interval, interval);
                    k++;
                }
                var head = run.Metrics.Get(headline);
                var last = run.Metrics.LastPoint(headline);
                var elapsed = RunClock.SecondsBetween(run.Origin, now);
                _progress.Report(new ProgressState(
                    run.Scenario.Name, TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(Math.Max(0, total - elapsed)), now < measureStart,
                    last?.Rate ?? 0, head.Count, run.Metrics.All.Sum(m => m.ErrorCount), last?.P99 ?? 0,
                    run.Metrics.Counter(DroppedIterations), run.InFlight));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
