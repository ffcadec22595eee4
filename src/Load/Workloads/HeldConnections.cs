using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Idle clients held open while a workload runs: each its own wallet, connected and authenticated as a real client (so the
/// node registers it for that wallet's pushes), opened at a bounded rate. The first refused login ends the ramp; the
/// summary says how many the node accepted. Measures the connect rate, connect+auth latency and the process memory
/// each held connection costs.
/// </summary>
public sealed class HeldConnections : IAsyncDisposable
{
    /// <summary>Counter: connections held when the run started.</summary>
    public const string Counter = "held_connections";

    /// <summary>Report note with the ramp's outcome (connect rate, latency, refusal).</summary>
    public const string Note = "held_connections";

    /// <summary>Report note with the memory each held connection costs this process.</summary>
    public const string MemoryNote = "held_connections_memory";

    // Logins in flight at once during the ramp; the rate bound is what paces it, this only caps a slow node's backlog.
    private const int MaxConcurrentLogins = 64;

    private readonly List<(AuthenticatedConnection Connection, StrongBox<long> Pushes)> _held = [];
    private readonly LatencyHistogram _connect = new();
    private int _refusedLogin = int.MaxValue;
    private string _summary = "";
    private string _memory = "";

    private HeldConnections() { }

    /// <summary>Connections held now.</summary>
    public int Count { get { lock (_held) return _held.Count; } }

    /// <summary>Connections still open now.</summary>
    public int StillConnected { get { lock (_held) return _held.Count(h => h.Connection.Client.IsConnected); } }

    /// <summary>Pushes the held connections received (the node's welcome pushes prove each is registered).</summary>
    public long PushesReceived { get { lock (_held) return _held.Sum(h => Interlocked.Read(ref h.Pushes.Value)); } }

    /// <summary>Why the ramp ended early, or null when every asked connection was accepted.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Wallet of held connection <paramref name="i"/> (deterministic, unrelated to the workload's own wallets).</summary>
    public static EthKey WalletFor(int i) => EthKey.FromSeed($"nitro-load/held/c{i}");

    /// <summary>Opens up to <paramref name="count"/> connections at <paramref name="perSecond"/>, stopping at the first refusal.</summary>
    public static async Task<HeldConnections> OpenAsync(Uri target, int count, double perSecond, TimeSpan timeout, CancellationToken ct)
    {
        var held = new HeldConnections();
        if (count <= 0) return held;
        // Each connection is a socket here, and another on the node's side when the node runs in this process.
        var limit = FileDescriptorLimit.EnsureAtLeast((ulong)(2 * count + 4096));
        var (managedBefore, rssBefore) = Memory();
        // A refusal stops the ramp, not the logins already in flight: at a fast rate several overlap, and cancelling
        // them would drop ones the node accepts and make which refusal is reported depend on timing.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var gate = new SemaphoreSlim(MaxConcurrentLogins);
        var logins = new List<Task>(count);
        var origin = RunClock.Now;
        var due = origin;
        for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
        {
            // Never faster than the bound: a ramp that fell behind does not burst to catch up.
            due = Math.Max(i == 0 ? origin : RunClock.Add(due, 1 / perSecond), RunClock.Now);
            var wait = RunClock.SecondsBetween(RunClock.Now, due);
            try
            {
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait), stop.Token).ConfigureAwait(false);
                await gate.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            var n = i;
            logins.Add(Task.Run(async () =>
            {
                try
                {
                    var started = RunClock.Now;
                    var pushes = new StrongBox<long>();
                    var c = await AuthenticatedConnection.OpenAsync(target, WalletFor(n), _ => Interlocked.Increment(ref pushes.Value), timeout, ct).ConfigureAwait(false);
                    lock (held._held)
                    {
                        held._held.Add((c, pushes));
                        held._connect.Record(RunClock.MicrosBetween(started, RunClock.Now));
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The first refusal in ramp order, whichever overlapping login's answer came back first.
                    lock (held._held)
                        if (n < held._refusedLogin)
                        {
                            held._refusedLogin = n;
                            held.Refusal = $"the node refused login {n + 1}: {LoadEngine.ErrorKind(e)}";
                        }
                    await stop.CancelAsync().ConfigureAwait(false);
                }
                catch (Exception) when (ct.IsCancellationRequested)
                {
                    // The run was cancelled.
                }
                finally
                {
                    gate.Release();
                }
            }, CancellationToken.None));
        }
        await Task.WhenAll(logins).ConfigureAwait(false);
        if (ct.IsCancellationRequested)
        {
            await held.DisposeAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
        var seconds = RunClock.SecondsBetween(origin, RunClock.Now);
        var (managedAfter, rssAfter) = Memory();
        var k = held.Count;
        held._summary = string.Create(CultureInfo.InvariantCulture,
            $"{k} of {count} authenticated idle connections held, opened at {(seconds > 0 ? k / seconds : 0):0.#}/s (bound {perSecond:0.#}/s; " +
            $"connect+auth p50 {Durations.Micros(held._connect.ValueAtPercentile(50))}, p99 {Durations.Micros(held._connect.ValueAtPercentile(99))}); " +
            $"open-file limit {(limit?.ToString(CultureInfo.InvariantCulture) ?? "unknown")}") + (held.Refusal is { } r ? $"; ramp ended after {k} accepted: {r}" : "");
        held._memory = k == 0 ? "none held" : string.Create(CultureInfo.InvariantCulture,
            $"{(rssAfter - rssBefore) / 1024.0 / k:0.#} KiB resident and {(managedAfter - managedBefore) / 1024.0 / k:0.#} KiB managed heap per held connection " +
            $"(process: {rssBefore / 1048576.0:0} → {rssAfter / 1048576.0:0} MiB resident; an embedded node's side of each connection is in the same process)");
        return held;
    }

    // Managed heap after a full collection, and resident set size.
    private static (long Managed, long Resident) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(true), self.WorkingSet64);
    }

    /// <summary>Counts the connections held at the start of a run.</summary>
    public void BeginRun(MetricRegistry metrics) => metrics.Increment(Counter, Count);

    /// <summary>Report notes: the ramp's summary, the memory per connection, and how many are still open.</summary>
    public void AddNotes(IDictionary<string, string> notes)
    {
        if (_summary.Length == 0) return;
        notes[Note] = _summary + string.Create(CultureInfo.InvariantCulture, $"; still connected: {StillConnected}; pushes received: {PushesReceived}");
        notes[MemoryNote] = _memory;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        List<AuthenticatedConnection> all;
        lock (_held) all = _held.Select(h => h.Connection).ToList();
        foreach (var chunk in all.Chunk(256))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
