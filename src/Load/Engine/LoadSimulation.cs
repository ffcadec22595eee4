namespace NitroConformance.Load.Engine;

/// <summary>One stage of a load simulation (NBomber vocabulary).</summary>
public abstract record LoadSimulation(TimeSpan During)
{
    /// <summary>True for open-model stages (injection rate), false for closed-model stages (concurrent copies).</summary>
    public abstract bool IsOpen { get; }

    /// <summary>Short text for reports, e.g. <c>inject 100/1s for 10s</c>.</summary>
    public abstract string Describe();
}

/// <summary>Open model: start <paramref name="Rate"/> iterations every <paramref name="Interval"/> for <c>During</c>, each at its own intended time.</summary>
public sealed record Inject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During)
{
    /// <inheritdoc/>
    public override bool IsOpen => true;

    /// <summary>Iterations per second.</summary>
    public double PerSecond => Rate / Interval.TotalSeconds;

    /// <inheritdoc/>
    public override string Describe() => $"inject {Rate:0.##}/{Durations.Format(Interval)} for {Durations.Format(During)}";
}

/// <summary>Open model: ramp linearly from the previous stage's rate to <paramref name="Rate"/> per <paramref name="Interval"/> over <c>During</c>.</summary>
public sealed record RampingInject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During)
{
    /// <inheritdoc/>
    public override bool IsOpen => true;

    /// <summary>Target iterations per second at the end of the stage.</summary>
    public double PerSecond => Rate / Interval.TotalSeconds;

    /// <inheritdoc/>
    public override string Describe() => $"ramping inject to {Rate:0.##}/{Durations.Format(Interval)} over {Durations.Format(During)}";
}

/// <summary>Closed model: keep <paramref name="Copies"/> iterations running back to back for <c>During</c>.</summary>
public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation(During)
{
    /// <inheritdoc/>
    public override bool IsOpen => false;

    /// <inheritdoc/>
    public override string Describe() => $"keep constant {Copies} copies for {Durations.Format(During)}";
}

/// <summary>Closed model: ramp the number of concurrent copies linearly from the previous stage to <paramref name="Copies"/> over <c>During</c>.</summary>
public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation(During)
{
    /// <inheritdoc/>
    public override bool IsOpen => false;

    /// <inheritdoc/>
    public override string Describe() => $"ramping constant to {Copies} copies over {Durations.Format(During)}";
}
