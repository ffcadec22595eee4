using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace NitroConformance.Load.Metrics;

/// <summary>
/// The metrics of one run: every declared metric and counter exists (at zero) from the start, anything undeclared is
/// a programming error; samples count only when their cause was intended at or after the end of warm-up.
/// </summary>
public sealed class MetricRegistry
{
    private readonly FrozenDictionary<string, MetricRecorder> _metrics;
    private readonly FrozenDictionary<string, StrongBox<long>> _counters;
    private readonly ConcurrentDictionary<string, List<IntervalPoint>> _series = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="declarations"/> (duplicates of the same kind collapse) and measures from <paramref name="measureStart"/>.</summary>
    public MetricRegistry(IEnumerable<MetricDeclaration> declarations, long measureStart = long.MinValue)
    {
        var list = declarations.Distinct().ToList();
        var clash = list.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null) throw new ArgumentException($"metric '{clash.Key}' is declared both as a latency and as a counter");
        Declared = list.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        _metrics = list.Where(d => d.Kind == MetricKind.Latency).ToFrozenDictionary(d => d.Name, d => new MetricRecorder(d.Name), StringComparer.Ordinal);
        _counters = list.Where(d => d.Kind == MetricKind.Counter).ToFrozenDictionary(d => d.Name, _ => new StrongBox<long>(), StringComparer.Ordinal);
        MeasureStart = measureStart;
    }

    /// <summary>Every declared metric and counter, by name.</summary>
    public IReadOnlyList<MetricDeclaration> Declared { get; }

    /// <summary>Stopwatch timestamp where measurement starts (end of warm-up).</summary>
    public long MeasureStart { get; }

    /// <summary>The warm-up rule: something caused by an iteration intended at <paramref name="intendedTimestamp"/> is measured.</summary>
    public bool IsMeasured(long intendedTimestamp) => intendedTimestamp >= MeasureStart;

    /// <summary>The recorder named <paramref name="name"/>; throws when the workload did not declare it.</summary>
    public MetricRecorder Get(string name) =>
        _metrics.TryGetValue(name, out var m) ? m : throw new InvalidOperationException($"metric '{name}' was not declared (declared: {string.Join(", ", _metrics.Keys.Order())})");

    /// <summary>Adds to a declared counter (dropped iterations, late starts, misdelivered pushes…).</summary>
    public void Increment(string counter, long by = 1)
    {
        if (!_counters.TryGetValue(counter, out var box))
            throw new InvalidOperationException($"counter '{counter}' was not declared (declared: {string.Join(", ", _counters.Keys.Order())})");
        Interlocked.Add(ref box.Value, by);
    }

    /// <summary>Adds to a counter when the iteration behind the event (intended at <paramref name="intendedTimestamp"/>) is measured.</summary>
    public void CountIfMeasured(string counter, long intendedTimestamp, long by = 1)
    {
        if (IsMeasured(intendedTimestamp)) Increment(counter, by);
    }

    /// <summary>Current value of a counter (0 when undeclared).</summary>
    public long Counter(string counter) => _counters.TryGetValue(counter, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Every declared counter with its value.</summary>
    public IReadOnlyDictionary<string, long> Counters =>
        new SortedDictionary<string, long>(_counters.ToDictionary(kv => kv.Key, kv => Interlocked.Read(ref kv.Value.Value)), StringComparer.Ordinal);

    /// <summary>Every recorder, by name.</summary>
    public IEnumerable<MetricRecorder> All => _metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal);

    /// <summary>Closes the current interval of every metric and appends the points to the series.</summary>
    public void CloseInterval(double elapsedSeconds, double intervalSeconds)
    {
        foreach (var m in _metrics.Values)
        {
            var point = m.CloseInterval(elapsedSeconds, intervalSeconds);
            var list = _series.GetOrAdd(m.Name, _ => new List<IntervalPoint>());
            lock (list) list.Add(point);
        }
    }

    /// <summary>The per-interval series of a metric (a copy).</summary>
    public IReadOnlyList<IntervalPoint> Series(string name)
    {
        if (!_series.TryGetValue(name, out var list)) return [];
        lock (list) return list.ToList();
    }

    /// <summary>Latest interval point of a metric, or null.</summary>
    public IntervalPoint? LastPoint(string name)
    {
        if (!_series.TryGetValue(name, out var list)) return null;
        lock (list) return list.Count == 0 ? null : list[^1];
    }
}
