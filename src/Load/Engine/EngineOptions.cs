namespace NitroConformance.Load.Engine;

/// <summary>Bounds and knobs of one engine run.</summary>
public sealed record EngineOptions
{
    /// <summary>Stages, all open (inject) or all closed (keep constant).</summary>
    public required IReadOnlyList<LoadSimulation> Simulations { get; init; }

    /// <summary>Warm-up before the measured stages, at the first stage's load; samples discarded.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>Hard cap on started iterations (warm-up included); 0 = no cap beyond the schedule.</summary>
    public long MaxIterations { get; init; }

    /// <summary>Open model: most iterations in flight; further due iterations are dropped and counted.</summary>
    public int MaxInFlight { get; init; } = 1000;

    /// <summary>Open model: an iteration started later than this after its intended time counts as late.</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long to wait for in-flight iterations after the schedule ends before cancelling them.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Open model: spin through sub-millisecond gaps instead of sleeping ~1 ms (more precise starts, one busy core).</summary>
    public bool PreciseScheduling { get; init; }

    /// <summary>Length of a time-series interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Total schedule length (warm-up + stages).</summary>
    public TimeSpan TotalDuration => WarmUp + Simulations.Aggregate(TimeSpan.Zero, (a, s) => a + s.During);

    /// <summary>The stages as run: a warm-up stage at the first stage's load (a ramp warms up at its target), then the stages.</summary>
    public IReadOnlyList<LoadSimulation> StagesWithWarmUp()
    {
        if (WarmUp <= TimeSpan.Zero) return Simulations;
        LoadSimulation warm = Simulations[0] switch
        {
            Inject i => i with { During = WarmUp },
            RampingInject r => new Inject(r.Rate, r.Interval, WarmUp),
            KeepConstant k => k with { During = WarmUp },
            RampingConstant rc => new KeepConstant(rc.Copies, WarmUp),
            _ => throw new InvalidOperationException("unknown stage"),
        };
        return [warm, .. Simulations];
    }

    /// <summary>Throws <see cref="ArgumentException"/> on an empty or mixed (open + closed) simulation list.</summary>
    public void Validate()
    {
        if (Simulations.Count == 0) throw new ArgumentException("load simulation: at least one stage is required");
        if (Simulations.Any(s => s.IsOpen) && Simulations.Any(s => !s.IsOpen))
            throw new ArgumentException("load simulation: mix of open (inject) and closed (keep constant) stages is not supported in one scenario");
        if (Simulations.Any(s => s.During <= TimeSpan.Zero)) throw new ArgumentException("load simulation: every stage needs a positive duration");
        if (MaxInFlight <= 0) throw new ArgumentException("max_in_flight must be positive");
    }
}
