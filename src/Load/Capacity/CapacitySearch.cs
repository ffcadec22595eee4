namespace NitroConformance.Load.Capacity;

/// <summary>
/// The capacity search as a pure state machine: offers rates growing geometrically while the SLO holds, then bisects
/// between the last rate that held and the first that broke until they are within the resolution; a breaking rate is
/// retried (<see cref="CapacitySearchOptions.Retries"/>) before it counts; bounded by the rate range and by the time
/// budget (the caller says how much time has passed). Knows nothing of engines or clocks.
/// </summary>
public sealed class CapacitySearch
{
    private enum Phase { Climb, Descend, Bisect, Done }

    private readonly CapacitySearchOptions _o;
    private readonly List<(double Rate, bool Held)> _steps = [];
    private Phase _phase = Phase.Climb;
    private double _next;
    private int _breaks; // consecutive breaking tries of _next

    /// <summary>Starts a search at <see cref="CapacitySearchOptions.StartRate"/>.</summary>
    public CapacitySearch(CapacitySearchOptions options)
    {
        options.Validate();
        _o = options;
        _next = options.StartRate;
    }

    /// <summary>Highest rate whose step held the SLO, or null.</summary>
    public double? LastGood { get; private set; }

    /// <summary>Lowest rate whose step broke the SLO, or null.</summary>
    public double? FirstBad { get; private set; }

    /// <summary>Why the search ended (null while it runs).</summary>
    public string? StopReason { get; private set; }

    /// <summary>Rates tried, in order, with whether they held.</summary>
    public IReadOnlyList<(double Rate, bool Held)> Steps => _steps;

    /// <summary>
    /// The next rate to offer, or null when the search is over: resolved, bounded by the rate range, or because a step
    /// started after <paramref name="elapsed"/> would end past the budget.
    /// </summary>
    public double? Next(TimeSpan elapsed)
    {
        if (_phase == Phase.Done) return null;
        if (elapsed + _o.StepWarmUp + _o.StepDuration > _o.Budget)
        {
            Stop($"time budget of {_o.Budget.TotalSeconds:0} s reached");
            return null;
        }
        return _next;
    }

    /// <summary>Records the outcome of the step at <paramref name="rate"/> (the rate <see cref="Next"/> gave).</summary>
    public void Record(double rate, bool held)
    {
        if (_phase == Phase.Done) throw new InvalidOperationException("the search is over");
        _steps.Add((rate, held));
        if (!held && ++_breaks <= _o.Retries) return; // try the same rate again before believing it
        _breaks = 0;
        if (held) LastGood = Math.Max(LastGood ?? 0, rate);
        else FirstBad = Math.Min(FirstBad ?? double.MaxValue, rate);
        switch (_phase)
        {
            case Phase.Climb when held:
                if (rate >= _o.MaxRate) Stop($"held at the rate bound max_rate {_o.MaxRate:0.#}/s (capacity is at least that)");
                else _next = Math.Min(rate * _o.Growth, _o.MaxRate);
                return;
            case Phase.Climb or Phase.Descend when !held && LastGood is null:
                _phase = Phase.Descend;
                _next = rate / _o.Growth;
                if (_next < _o.MinRate) Stop($"no rate held down to min_rate {_o.MinRate:0.#}/s");
                return;
            default:
                _phase = Phase.Bisect;
                Bisect();
                return;
        }
    }

    private void Bisect()
    {
        var good = LastGood!.Value;
        var bad = FirstBad!.Value;
        if (bad - good <= _o.Resolution * good) Stop($"resolved: {good:0.#}/s held, {bad:0.#}/s broke (within {_o.Resolution:0.#%})");
        else _next = (good + bad) / 2;
    }

    private void Stop(string reason)
    {
        _phase = Phase.Done;
        StopReason = reason;
    }
}
