using System.Globalization;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Workloads.Soak;

/// <summary>
/// Soak: several workloads (broadcast, request latency, churn, bank) share one schedule for a long run, each iteration
/// going to one of them by weight; the process's memory is sampled throughout and judged for a rising floor, and the
/// workloads' own end-of-run checks (the bank's ledger audit) run at the end.
/// </summary>
public sealed class SoakScenario(Uri target, SoakOptions options) : ILoadScenario, IRunAudit
{
    /// <summary>Counters of the memory verdict: working set at the first and last sample; growth and verdict of the managed-heap floor.</summary>
    public static IReadOnlyList<string> MemoryCounters { get; } = ["memory_start_mib", "memory_end_mib", "memory_growth_pct", "memory_rising"];

    private readonly List<ILoadScenario> _parts = options.Parts.Select(p => p.Workload.Create(target)).ToList();
    private readonly int[] _wheel = options.Parts.SelectMany((p, i) => Enumerable.Repeat(i, p.Weight)).ToArray();
    private MemorySampler? _sampler;
    private IReadOnlyList<MemorySample> _series = [];
    private MemoryTrend? _trend;

    /// <inheritdoc/>
    public string Name => "soak";
    /// <inheritdoc/>
    public string HeadlineMetric => _parts[0].HeadlineMetric;
    /// <inheritdoc/>
    public string SigningMode => string.Join("; ", _parts.Select(p => $"{p.Name}: {p.SigningMode}"));
    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics =>
        [.. _parts.SelectMany(p => p.Metrics).Distinct(), .. MemoryCounters.Select(MetricDeclaration.Counter)];

    /// <inheritdoc/>
    public void BeginRun(MetricRegistry metrics)
    {
        foreach (var p in _parts) p.BeginRun(metrics);
    }

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        foreach (var p in _parts) await p.InitAsync(ct).ConfigureAwait(false);
        _sampler = new MemorySampler(options.MemoryInterval);
    }

    /// <inheritdoc/>
    public async Task RunIterationAsync(IterationContext ctx)
    {
        var part = _parts[_wheel[ctx.Number % _wheel.Length]];
        try
        {
            await part.RunIterationAsync(ctx).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Charged to the workload that failed, not to the soak's headline.
            ctx.RecordError(part.HeadlineMetric, LoadEngine.ErrorKind(e));
        }
    }

    /// <inheritdoc/>
    public async Task AuditAsync(MetricRegistry metrics, CancellationToken ct)
    {
        if (_sampler is not null)
        {
            _series = _sampler.Samples;
            await _sampler.DisposeAsync().ConfigureAwait(false);
            _sampler = null;
        }
        // Judged on the managed heap: its floor is what survives collections; the working set only shows the high-water mark.
        _trend = MemoryTrend.Of(_series.Select(s => s.HeapMiB).ToList(), options.MemoryRiseLimitPercent);
        if (_series.Count > 0)
        {
            metrics.Increment("memory_start_mib", (long)Math.Round(_series[0].WorkingSetMiB));
            metrics.Increment("memory_end_mib", (long)Math.Round(_series[^1].WorkingSetMiB));
        }
        metrics.Increment("memory_growth_pct", (long)Math.Round(_trend.GrowthPercent));
        metrics.Increment("memory_rising", _trend.Rising ? 1 : 0);
        foreach (var audit in _parts.OfType<IRunAudit>()) await audit.AuditAsync(metrics, ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras()
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mix"] = string.Join(", ", options.Parts.Select(p => $"{p.Name} ×{p.Weight}")),
            ["memory_series_mib"] = string.Join("; ", _series),
            ["memory_trend"] = _trend is null ? "not sampled" : string.Create(CultureInfo.InvariantCulture,
                $"managed-heap floor grew {_trend.GrowthPercent:0.#}% from the first to the last quarter after start-up (limit {options.MemoryRiseLimitPercent:0.#}%): {(_trend.Rising ? "RISING" : "not rising")}; the embedded node runs in this process, so its in-memory ledger (which grows with every transfer by design) is part of the series"),
        };
        IReadOnlyList<HistogramSnapshot>? fanOut = null;
        foreach (var part in _parts)
        {
            var extras = part.Extras();
            fanOut ??= extras.FanOutByPosition;
            foreach (var (k, v) in extras.Notes) notes[$"{part.Name}.{k}"] = v;
        }
        return new ScenarioExtras(fanOut, notes);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_sampler is not null) await _sampler.DisposeAsync().ConfigureAwait(false);
        foreach (var p in _parts) await p.DisposeAsync().ConfigureAwait(false);
    }
}
