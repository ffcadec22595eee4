namespace NitroConformance.Fixtures.State;

/// <summary>
/// Lets a handler running under the node's state lock give it up for a moment, so requests of other connections run in
/// between; only the <c>non-atomic-balance-update</c> seeded defect does this.
/// </summary>
public static class StateLockYield
{
    /// <summary>
    /// Longer than the gap between two requests of the shipped bank profile (100/s, spaced evenly by the open model:
    /// 10 ms), so the next transfer always lands in the pause. With 1-5 ms a quiet machine finished every transfer before
    /// the next one arrived and the seeded node showed no drift at all; only a loaded machine's jitter made them overlap.
    /// </summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    /// <summary>An action that releases <paramref name="stateLock"/> (held once by the calling thread), pauses and takes it back.</summary>
    public static Action For(object stateLock) => () =>
    {
        EnsureSpareThreads();
        Monitor.Exit(stateLock);
        try
        {
            Thread.Sleep(Pause);
        }
        finally
        {
            Monitor.Enter(stateLock);
        }
    };

    // Worker threads the pool keeps ready once a node has yielded. The pausing request blocks its thread; with the
    // pool's default minimum (one per core) a 2-core machine often had no free thread to run another connection's request
    // in the pause (the likely reason a 5 s bank run once saw no overlap at all: ledger_drift 0 on the seeded node).
    private const int SpareWorkers = 16;
    private static int _threadsRaised;

    private static void EnsureSpareThreads()
    {
        if (Interlocked.Exchange(ref _threadsRaised, 1) != 0) return;
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < SpareWorkers) ThreadPool.SetMinThreads(SpareWorkers, io);
    }
}
