namespace NitroConformance.Fixtures.State;

/// <summary>
/// Lets a handler running under the node's state lock give it up for a moment, so requests of other connections run in
/// between; only the <c>non-atomic-balance-update</c> seeded defect does this.
/// </summary>
public static class StateLockYield
{
    /// <summary>
    /// Long enough for a waiting connection's request to take the lock and finish (a few database round trips). 1 ms let a
    /// 5 s bank run on a starved machine miss the defect once (too few requests landed in the pauses); 5 ms overlaps
    /// several times more of them.
    /// </summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

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
