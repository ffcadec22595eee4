namespace NitroConformance.Load.Metrics;

/// <summary>Thread-safe recorder for one named metric (NBomber "step"): cumulative histogram, per-interval histogram and error counts.</summary>
public sealed class MetricRecorder
{
    private readonly object _gate = new();
    private readonly LatencyHistogram _total = new();
    private LatencyHistogram _interval = new();
    private LatencyHistogram _spare = new();
    private long _intervalErrors;
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);

    /// <summary>Creates a recorder named <paramref name="name"/>.</summary>
    public MetricRecorder(string name) => Name = name;

    /// <summary>Metric name, e.g. <c>broadcast</c> or <c>broadcast.submit</c>.</summary>
    public string Name { get; }

    /// <summary>Records a successful sample.</summary>
    public void RecordMicros(long micros)
    {
        lock (_gate)
        {
            _total.Record(micros);
            _interval.Record(micros);
        }
    }

    /// <summary>Records a failed sample of the given kind (timeout, error text class, misdelivered…).</summary>
    public void RecordError(string kind)
    {
        lock (_gate)
        {
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
            _intervalErrors++;
        }
    }

    /// <summary>Closes the current interval and returns its summary point.</summary>
    public IntervalPoint CloseInterval(double elapsedSeconds, double intervalSeconds)
    {
        LatencyHistogram closed;
        long errors;
        lock (_gate)
        {
            closed = _interval;
            _interval = _spare;
            errors = _intervalErrors;
            _intervalErrors = 0;
        }
        var point = IntervalPoint.From(elapsedSeconds, intervalSeconds, closed, errors);
        closed.Reset();
        lock (_gate) _spare = closed;
        return point;
    }

    /// <summary>Copies the cumulative state.</summary>
    public MetricSnapshot Snapshot()
    {
        lock (_gate)
            return new MetricSnapshot(Name, _total.Copy(), new Dictionary<string, long>(_errors, StringComparer.Ordinal));
    }

    /// <summary>Cumulative count of successes (cheap, for live progress).</summary>
    public long Count { get { lock (_gate) return _total.TotalCount; } }

    /// <summary>Cumulative count of errors (cheap, for live progress).</summary>
    public long ErrorCount { get { lock (_gate) return _errors.Values.Sum(); } }
}

/// <summary>Cumulative state of one metric: histogram of successes and errors by kind.</summary>
public sealed record MetricSnapshot(string Name, LatencyHistogram Histogram, IReadOnlyDictionary<string, long> Errors)
{
    /// <summary>Total errors of every kind.</summary>
    public long ErrorCount => Errors.Values.Sum();
}
