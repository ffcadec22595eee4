namespace NitroConformance.Fixtures.State;

/// <summary>
/// Lets a handler running under the node's state lock give it up for a moment, so requests of other connections run in
/// between; only the <c>non-atomic-balance-update</c> seeded defect does this.
/// </summary>
public static class StateLockYield
{
    /// <summary>Long enough for a waiting connection's request to take the lock and finish (about one database round trip).</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(1);

    /// <summary>An action that releases <paramref name="stateLock"/> (held once by the calling thread), pauses and takes it back.</summary>
    public static Action For(object stateLock) => () =>
    {
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
}
