namespace NitroConformance.Load.Workloads;

/// <summary>Runs a refill action every 50 ms on its own task until disposed: the separate signing path of a workload.</summary>
internal sealed class BackgroundSigner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BackgroundSigner(Action refill)
    {
        _loop = Task.Run(async () =>
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    refill();
                    await Task.Delay(50, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
