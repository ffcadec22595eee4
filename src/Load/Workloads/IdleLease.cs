using System.Threading.Channels;
using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// One iteration's use of a pooled resource (a session, a connection, a churn slot): wait for an idle one within the
/// iteration's timeout (recording an error when none frees up in time), run the body, and always hand it back.
/// </summary>
public static class IdleLease
{
    /// <summary>
    /// Takes an item from <paramref name="idle"/>, runs <paramref name="body"/> with it and a token cancelled after
    /// <paramref name="timeout"/>, then returns it (after <paramref name="release"/>, if given).
    /// </summary>
    public static async Task RunAsync<T>(Channel<T> idle, IterationContext ctx, TimeSpan timeout, string metric, string what,
        Func<T, CancellationToken, Task> body, Action<T>? release = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.Token);
        cts.CancelAfter(timeout);
        T item;
        try
        {
            item = await idle.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ctx.Token.IsCancellationRequested)
        {
            ctx.RecordError(metric, $"timeout waiting for an idle {what}");
            return;
        }
        try
        {
            await body(item, cts.Token).ConfigureAwait(false);
        }
        finally
        {
            release?.Invoke(item);
            idle.Writer.TryWrite(item);
        }
    }
}
