using System.Collections.Concurrent;

namespace NitroConformance.Load.Metrics;

/// <summary>The metrics of one run, created on first use, with their per-interval series.</summary>
public sealed class MetricRegistry
{
    private readonly ConcurrentDictionary<string, MetricRecorder> _metrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<IntervalPoint>> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);

    /// <summary>The recorder named <paramref name="name"/>.</summary>
    public MetricRecorder Get(string name) => _metrics.GetOrAdd(name, n => new MetricRecorder(n));

    /// <summary>Adds to a named counter (dropped iterations, late starts, misdelivered pushes…).</summary>
    public void Increment(string counter, long by = 1) => _counters.AddOrUpdate(counter, by, (_, v) => v + by);

    /// <summary>Current value of a counter (0 when never incremented).</summary>
    public long Counter(string counter) => _counters.GetValueOrDefault(counter);

    /// <summary>Every counter.</summary>
    public IReadOnlyDictionary<string, long> Counters => new SortedDictionary<string, long>(_counters, StringComparer.Ordinal);

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
