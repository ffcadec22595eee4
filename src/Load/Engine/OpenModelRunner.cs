namespace NitroConformance.Load.Engine;

/// <summary>
/// Open model: starts every iteration of the <see cref="OpenSchedule"/> at its intended time from a dedicated scheduler
/// thread, whatever the target does; beyond <see cref="EngineOptions.MaxInFlight"/> an iteration is dropped and counted.
/// </summary>
internal static class OpenModelRunner
{
    // Largest number of due iterations handed to one thread-pool work item.
    private const int MaxBatch = 64;

    public static async Task RunAsync(RunState run)
    {
        // The schedule runs on its own thread so a busy thread pool cannot delay it; waits are sleeps, not spins,
        // except for sub-millisecond gaps where the thread yields.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var t = new Thread(() =>
        {
            try
            {
                Schedule(run);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "load-scheduler", Priority = ThreadPriority.AboveNormal };
        t.Start();
        await done.Task.ConfigureAwait(false);
    }

    private static void Schedule(RunState run)
    {
        var options = run.Options;
        var lateTicks = (long)(options.LateAfter.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        long number = 0;
        // Every iteration due at one wake-up goes to the thread pool as one batch: one work item (and at most one
        // worker wake-up) per batch instead of per iteration, which at thousands per second on two cores is what
        // kept the pool's threads bouncing between sleep and wake-up and queued the schedule behind them.
        var batch = new List<IterationContext>(16);
        using var offsets = OpenSchedule.Offsets(options.StagesWithWarmUp()).GetEnumerator();
        var more = offsets.MoveNext();
        while (more)
        {
            if (run.Token.IsCancellationRequested || !run.UnderIterationCap()) break;
            var intended = RunClock.Add(run.Origin, offsets.Current);
            WaitUntil(intended, options.PreciseScheduling, run.Token);
            if (run.Token.IsCancellationRequested) break;
            var now = RunClock.Now;
            // Take this iteration and every later one already due (bounded so one batch never starves the rest).
            do
            {
                intended = RunClock.Add(run.Origin, offsets.Current);
                if (run.InFlight >= options.MaxInFlight)
                {
                    run.Metrics.CountIfMeasured(LoadEngine.DroppedIterations, intended);
                    number++;
                }
                else
                {
                    if (now - intended > lateTicks) run.Metrics.CountIfMeasured(LoadEngine.LateIterations, intended);
                    run.Admit();
                    batch.Add(new IterationContext(number++, intended, -1, run.Metrics, run.Token));
                }
                more = offsets.MoveNext();
            }
            while (more && batch.Count < MaxBatch && run.UnderIterationCap() && RunClock.Add(run.Origin, offsets.Current) <= now);
            if (batch.Count == 0) continue;
            var items = batch.ToArray();
            batch.Clear();
            ThreadPool.UnsafeQueueUserWorkItem(static s =>
            {
                foreach (var ic in s.Items) _ = s.Run.RunOneAsync(ic);
            }, (Run: run, Items: items), preferLocal: false);
        }
    }

    // Sub-millisecond gaps either spin (precise, costs a core) or sleep at least FineSleep.Quantum (~1 ms where the OS
    // only offers millisecond sleeps) and start the due batch a little late;
    // in both cases latency runs from the intended time, so lateness is measured, never hidden.
    private static void WaitUntil(long timestamp, bool precise, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var remaining = RunClock.SecondsBetween(RunClock.Now, timestamp);
            if (remaining <= 0) return;
            if (remaining > 0.0015) Thread.Sleep(TimeSpan.FromSeconds(remaining - 0.001));
            else if (precise) Thread.Yield();
            else FineSleep.Sleep(Math.Max(remaining, FineSleep.Quantum));
        }
    }
}
