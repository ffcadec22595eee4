using System.Diagnostics;

namespace NitroConformance.Load.Workloads.Soak;

/// <summary>
/// Samples this process's working set and managed heap at a fixed interval on its own task. With the embedded node the
/// node shares the process, so its memory is in the series too.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts sampling now (first sample at t = 0).</summary>
    public MemorySampler(TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                do
                {
                    var sample = new MemorySample(clock.Elapsed.TotalSeconds, Environment.WorkingSet / 1048576.0, GC.GetTotalMemory(false) / 1048576.0);
                    lock (_samples) _samples.Add(sample);
                }
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    /// <summary>The samples so far (a copy).</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples) return _samples.ToList();
        }
    }

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
