namespace NitroConformance.Load.Engine;

/// <summary>
/// Closed model: keeps the number of copies the <see cref="ClosedSchedule"/> wants running, each copy starting its next
/// iteration when the previous one ends (so a slow target slows the offered load, which the open model avoids).
/// </summary>
internal static class ClosedModelRunner
{
    public static async Task RunAsync(RunState run)
    {
        var stages = run.Options.StagesWithWarmUp();
        var end = RunClock.Add(run.Origin, run.Options.TotalDuration.TotalSeconds);
        var workers = new List<Task>();
        var target = 0; // copies allowed to run; copy i waits while i >= target
        long number = 0;
        while (!run.Token.IsCancellationRequested)
        {
            var now = RunClock.Now;
            if (now >= end) break;
            var wanted = ClosedSchedule.CopiesAt(stages, RunClock.SecondsBetween(run.Origin, now));
            Volatile.Write(ref target, wanted);
            while (workers.Count < wanted)
            {
                var copy = workers.Count;
                workers.Add(Task.Run(async () =>
                {
                    while (!run.Token.IsCancellationRequested && RunClock.Now < end)
                    {
                        if (copy >= Volatile.Read(ref target)) { await Task.Delay(20, CancellationToken.None).ConfigureAwait(false); continue; }
                        if (!run.UnderIterationCap()) return;
                        run.Admit();
                        var ic = new IterationContext(Interlocked.Increment(ref number) - 1, RunClock.Now, copy, run.Metrics, run.Token);
                        await run.RunOneAsync(ic).ConfigureAwait(false);
                    }
                }, CancellationToken.None));
            }
            var sleep = Math.Min(0.05, RunClock.SecondsBetween(now, end));
            if (sleep > 0) await Task.Delay(TimeSpan.FromSeconds(sleep), CancellationToken.None).ConfigureAwait(false);
        }
        Volatile.Write(ref target, 0);
        try
        {
            await Task.WhenAll(workers).WaitAsync(run.Options.Drain + TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A copy is stuck in an iteration longer than the drain; the hard stop cancels it.
        }
    }
}
