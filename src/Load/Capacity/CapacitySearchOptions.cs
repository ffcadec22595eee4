using System.Text.Json.Serialization;

namespace NitroConformance.Load.Capacity;

/// <summary>Bounds and shape of a capacity search (the profile's <c>capacity:</c> block).</summary>
/// <param name="StartRate">First offered rate (iterations/s).</param>
/// <param name="Growth">Factor between consecutive rates while the SLO holds (and on the way down if the first rate breaks).</param>
/// <param name="MaxRate">Highest rate ever offered; holding there ends the search ("at least").</param>
/// <param name="MinRate">Lowest rate tried on the way down; breaking there ends the search with no capacity.</param>
/// <param name="Resolution">Bisection stops when the first bad rate is within this fraction above the last good one.</param>
/// <param name="StepWarmUp">Warm-up of every step (not measured).</param>
/// <param name="StepDuration">Measured window of every step.</param>
/// <param name="Budget">Total time the search may take; no step starts that would end past it.</param>
/// <param name="Retries">A rate that breaks is tried again this many times and counts as broken only when every try breaks (a transient stall of a shared machine is not the knee).</param>
public sealed record CapacitySearchOptions(
    [property: JsonPropertyName("start_rate")] double StartRate,
    [property: JsonPropertyName("growth")] double Growth,
    [property: JsonPropertyName("max_rate")] double MaxRate,
    [property: JsonPropertyName("min_rate")] double MinRate,
    [property: JsonPropertyName("resolution")] double Resolution,
    [property: JsonPropertyName("step_warmup")] TimeSpan StepWarmUp,
    [property: JsonPropertyName("step_duration")] TimeSpan StepDuration,
    [property: JsonPropertyName("budget")] TimeSpan Budget,
    [property: JsonPropertyName("retries")] int Retries = 1)
{
    /// <summary>Defaults: 50/s doubling up to 20,000/s, 5 % resolution, 2 s + 5 s per step, one retry of a breaking rate, 5 minutes in all.</summary>
    public static CapacitySearchOptions Default { get; } = new(50, 2, 20_000, 1, 0.05, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    /// <summary>Throws <see cref="ArgumentException"/> naming the field of a value the search cannot run with.</summary>
    public void Validate()
    {
        if (!(StartRate > 0)) throw new ArgumentException("capacity.start_rate: must be positive");
        if (!(Growth > 1)) throw new ArgumentException("capacity.growth: must be greater than 1");
        if (!(MaxRate >= StartRate)) throw new ArgumentException("capacity.max_rate: must be at least start_rate");
        if (!(MinRate > 0 && MinRate <= StartRate)) throw new ArgumentException("capacity.min_rate: must be positive and at most start_rate");
        if (!(Resolution > 0 && Resolution < 1)) throw new ArgumentException("capacity.resolution: must be between 0% and 100%");
        if (StepDuration <= TimeSpan.Zero) throw new ArgumentException("capacity.step_duration: must be positive");
        if (StepWarmUp < TimeSpan.Zero) throw new ArgumentException("capacity.step_warmup: must not be negative");
        if (Retries < 0) throw new ArgumentException("capacity.retries: must not be negative");
        if (Budget < StepWarmUp + StepDuration) throw new ArgumentException("capacity.budget: shorter than one step (step_warmup + step_duration)");
    }
}
