using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>Drives a scenario under an open or closed load model, measuring from intended start times.</summary>
public sealed class LoadEngine
{
    /// <summary>Counter: open-model iterations not started because <see cref="EngineOptions.MaxInFlight"/> was reached.</summary>
    public const string DroppedIterations = "dropped_iterations";

    /// <summary>Counter: open-model iterations started later than <see cref="EngineOptions.LateAfter"/>.</summary>
    public const string LateIterations = "late_iterations";

    /// <summary>Counter: iterations that completed (measured only).</summary>
    public const string CompletedIterations = "iterations";

    private readonly EngineOptions _options;
    private readonly IProgressSink _progress;
    private long _inFlight;
    private long _started;
    private long _completed;

    /// <summary>Creates an engine with the given bounds and progress sink.</summary>
    public LoadEngine(EngineOptions options, IProgressSink? progress = null)
    {
        options.Validate();
        _options = options;
        _progress = progress ?? NullProgress.Instance;
    }

    /// <summary>Runs an already initialised scenario to the end of its schedule (or the time bound) and returns the metrics.</summary>
    public async Task<EngineResult> RunAsync(ILoadScenario scenario, CancellationToken ct = default)
    {
        var metrics = new MetricRegistry();
        var startedUtc = DateTimeOffset.UtcNow;
        var origin = RunClock.Now;
        var measureStart = RunClock.Add(origin, _options.WarmUp.TotalSeconds);
        var scheduleEnd = RunClock.Add(origin, _options.TotalDuration.TotalSeconds);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Time bound: schedule + drain + a little; nothing outlives it.
        hardStop.CancelAfter(_options.TotalDuration + _options.Drain + TimeSpan.FromSeconds(1));
        using var tickerStop = new CancellationTokenSource();
        var ticker = Task.Run(() => TickAsync(scenario, metrics, origin, measureStart, scheduleEnd, tickerStop.Token), CancellationToken.None);

        var ctx = new RunState(scenario, metrics, measureStart, hardStop.Token);
        try
        {
            if (_options.Simulations[0].IsOpen) await RunOpenAsync(ctx, origin).ConfigureAwait(false);
            else await RunClosedAsync(ctx, origin).ConfigureAwait(false);
            await DrainAsync(hardStop.Token).ConfigureAwait(false);
        }
        finally
        {
            var end = RunClock.Now;
            tickerStop.Cancel();
            await ticker.ConfigureAwait(false);
            // Close the last partial interval so the series covers the whole measured time.
            var measured = Math.Max(0, RunClock.SecondsBetween(measureStart, end));
            var lastBoundary = Math.Floor(measured / _options.Interval.TotalSeconds) * _options.Interval.TotalSeconds;
            if (end > measureStart && measured - lastBoundary > 0.05)
                metrics.CloseInterval(measured, measured - lastBoundary);
            ctx.MeasuredSeconds = measured;
        }
        var bound = hardStop.IsCancellationRequested && !ct.IsCancellationRequested;
        // Stragglers past the drain stop now instead of outliving the run.
        await hardStop.CancelAsync().ConfigureAwait(false);
        return new EngineResult(metrics, startedUtc, ctx.MeasuredSeconds, Interlocked.Read(ref _started), Interlocked.Read(ref _completed), bound);
    }

    private sealed class RunState(ILoadScenario scenario, MetricRegistry metrics, long measureStart, CancellationToken token)
    {
        public ILoadScenario Scenario { get; } = scenario;
        public MetricRegistry Metrics { get; } = metrics;
        public long MeasureStart { get; } = measureStart;
        public CancellationToken Token { get; } = token;
        public double MeasuredSeconds { get; set; }
    }

    private bool UnderIterationCap() => _options.MaxIterations <= 0 || Interlocked.Read(ref _started) < _options.MaxIterations;

    private IReadOnlyList<LoadSimulation> WithWarmUp()
    {
        if (_options.WarmUp <= TimeSpan.Zero) return _options.Simulations;
        LoadSimulation warm = _options.Simulations[0] switch
        {
            Inject i => i with { During = _options.WarmUp },
            RampingInject r => new Inject(r.Rate, r.Interval, _options.WarmUp),
            KeepConstant k => k with { During = _options.WarmUp },
            RampingConstant rc => new KeepConstant(rc.Copies, _options.WarmUp),
            _ => throw new InvalidOperationException("unknown stage"),
        };
        return [warm, .. _options.Simulations];
    }

    // Largest number of due iterations handed to one thread-pool work item.
    private const int MaxBatch = 64;

    private async Task RunOpenAsync(RunState run, long origin)
    {
        var lateTicks = (long)(_options.LateAfter.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        // The schedule runs on its own thread so a busy thread pool cannot delay it; waits are sleeps, not spins,
        // except for sub-millisecond gaps where the thread yields.
        var thread = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var t = new Thread(() =>
        {
            try
            {
                long number = 0;
                // Every iteration due at one wake-up goes to the thread pool as one batch: one work item (and at most one
                // worker wake-up) per batch instead of per iteration, which at thousands per second on two cores is what
                // kept the pool's threads bouncing between sleep and wake-up and queued the schedule behind them.
                var batch = new List<IterationContext>(16);
                using var offsets = OpenSchedule.Offsets(WithWarmUp()).GetEnumerator();
                var more = offsets.MoveNext();
                while (more)
                {
                    if (run.Token.IsCancellationRequested || !UnderIterationCap()) break;
                    var intended = RunClock.Add(origin, offsets.Current);
                    WaitUntil(intended, run.Token);
                    if (run.Token.IsCancellationRequested) break;
                    var now = RunClock.Now;
                    // Take this iteration and every later one already due (bounded so one batch never starves the rest).
                    do
                    {
                        intended = RunClock.Add(origin, offsets.Current);
                        var measured = intended >= run.MeasureStart;
                        if (Interlocked.Read(ref _inFlight) >= _options.MaxInFlight)
                        {
                            if (measured) run.Metrics.Increment(DroppedIterations);
                            number++;
                        }
                        else
                        {
                            if (measured && now - intended > lateTicks) run.Metrics.Increment(LateIterations);
                            Interlocked.Increment(ref _inFlight);
                            Interlocked.Increment(ref _started);
                            batch.Add(new IterationContext(number++, intended, measured, -1, run.Metrics, run.Token));
                        }
                        more = offsets.MoveNext();
                    }
                    while (more && batch.Count < MaxBatch && UnderIterationCap() && RunClock.Add(origin, offsets.Current) <= now);
                    if (batch.Count == 0) continue;
                    var items = batch.ToArray();
                    batch.Clear();
                    ThreadPool.UnsafeQueueUserWorkItem(static s =>
                    {
                        foreach (var ic in s.Items) _ = s.Engine.RunOneAsync(s.Run, ic);
                    }, (Engine: this, Run: run, Items: items), preferLocal: false);
                }
                thread.SetResult();
            }
            catch (Exception e)
            {
                thread.SetException(e);
            }
        })
        { IsBackground = true, Name = "load-scheduler", Priority = ThreadPriority.AboveNormal };
        t.Start();
        await thread.Task.ConfigureAwait(false);
    }

    // Sub-millisecond gaps either spin (precise, costs a core) or sleep at least FineSleep.Quantum (~1 ms where the OS
    // only offers millisecond sleeps) and start the due batch a little late;
    // in both cases latency runs from the intended time, so lateness is measured, never hidden.
    private void WaitUntil(long timestamp, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var remaining = RunClock.SecondsBetween(RunClock.Now, timestamp);
            if (remaining <= 0) return;
            if (remaining > 0.0015) Thread.Sleep(TimeSpan.FromSeconds(remaining - 0.001));
            else if (_options.PreciseScheduling) Thread.Yield();
            else FineSleep.Sleep(Math.Max(remaining, FineSleep.Quantum));
        }
    }

    private async Task RunOneAsync(RunState run, IterationContext ic)
    {
        try
        {
            await run.Scenario.RunIterationAsync(ic).ConfigureAwait(false);
            if (ic.Measured) run.Metrics.Increment(CompletedIterations);
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            ic.RecordError(run.Scenario.HeadlineMetric, "cancelled at time bound");
        }
        catch (Exception e)
        {
            ic.RecordError(run.Scenario.HeadlineMetric, ErrorKind(e));
        }
        finally
        {
            Interlocked.Increment(ref _completed);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Short, bounded-cardinality error label for an exception.</summary>
    public static string ErrorKind(Exception e)
    {
        var text = e.Message.Length > 80 ? e.Message[..80] : e.Message;
        return $"{e.GetType().Name}: {text}";
    }

    private async Task RunClosedAsync(RunState run, long origin)
    {
        var stages = WithWarmUp();
        var workers = new List<Task>();
        var target = 0; // copies allowed to run; copy i stops when i >= target
        var previous = 0;
        var stageStart = 0.0;
        long number = 0;
        foreach (var stage in stages)
        {
            var d = stage.During.TotalSeconds;
            var (c0, c1) = stage switch
            {
                KeepConstant k => (k.Copies, k.Copies),
                RampingConstant r => (previous, r.Copies),
                _ => throw new ArgumentException($"stage '{stage.Describe()}' is open-model"),
            };
            var stageEnd = RunClock.Add(origin, stageStart + d);
            while (!run.Token.IsCancellationRequested)
            {
                var now = RunClock.Now;
                if (now >= stageEnd) break;
                var frac = Math.Clamp(RunClock.SecondsBetween(RunClock.Add(origin, stageStart), now) / d, 0, 1);
                var wanted = (int)Math.Round(c0 + (c1 - c0) * frac);
                Volatile.Write(ref target, wanted);
                while (workers.Count < wanted)
                {
                    var copy = workers.Count;
                    workers.Add(Task.Run(async () =>
                    {
                        while (!run.Token.IsCancellationRequested && RunClock.Now < RunClock.Add(origin, _options.TotalDuration.TotalSeconds))
                        {
                            if (copy >= Volatile.Read(ref target)) { await Task.Delay(20, CancellationToken.None).ConfigureAwait(false); continue; }
                            if (!UnderIterationCap()) return;
                            Interlocked.Increment(ref _inFlight);
                            Interlocked.Increment(ref _started);
                            var start = RunClock.Now;
                            var ic = new IterationContext(Interlocked.Increment(ref number) - 1, start, start >= run.MeasureStart, copy, run.Metrics, run.Token);
                            await RunOneAsync(run, ic).ConfigureAwait(false);
                        }
                    }, CancellationToken.None));
                }
                var sleep = Math.Min(0.05, RunClock.SecondsBetween(now, stageEnd));
                if (sleep > 0) await Task.Delay(TimeSpan.FromSeconds(sleep), CancellationToken.None).ConfigureAwait(false);
            }
            previous = c1;
            stageStart += d;
        }
        Volatile.Write(ref target, 0);
        try
        {
            await Task.WhenAll(workers).WaitAsync(_options.Drain + TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A copy is stuck in an iteration longer than the drain; the hard stop cancels it.
        }
    }

    private async Task DrainAsync(CancellationToken token)
    {
        var deadline = RunClock.Add(RunClock.Now, _options.Drain.TotalSeconds);
        while (Interlocked.Read(ref _inFlight) > 0 && RunClock.Now < deadline && !token.IsCancellationRequested)
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task TickAsync(ILoadScenario scenario, MetricRegistry metrics, long origin, long measureStart, long scheduleEnd, CancellationToken stop)
    {
        var interval = _options.Interval.TotalSeconds;
        var k = 1;
        var total = RunClock.SecondsBetween(origin, scheduleEnd);
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
                    metrics.CloseInterval(k * interval, interval);
                    k++;
                }
                var head = metrics.Get(scenario.HeadlineMetric);
                var last = metrics.LastPoint(scenario.HeadlineMetric);
                var elapsed = RunClock.SecondsBetween(origin, now);
                _progress.Report(new ProgressState(
                    scenario.Name, TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(Math.Max(0, total - elapsed)), now < measureStart,
                    last?.Rate ?? 0, head.Count, metrics.All.Sum(m => m.ErrorCount), last?.P99 ?? 0,
                    metrics.Counter(DroppedIterations), Interlocked.Read(ref _inFlight)));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
