using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads.Soak;

/// <summary>Parameters of the soak mix: a weight per workload, the memory sampling, and each workload's own params.</summary>
/// <param name="Parts">Workloads with a positive weight, in <see cref="Workloads"/> order, each bound from its <c>name.*</c> params.</param>
/// <param name="MemoryInterval">Time between memory samples.</param>
/// <param name="MemoryRiseLimitPercent">Growth of the memory floor above which a never-falling series counts as rising.</param>
public sealed record SoakOptions(IReadOnlyList<SoakPart> Parts, TimeSpan MemoryInterval, double MemoryRiseLimitPercent)
{
    /// <summary>Workloads a soak can mix, with their default weights (share of iterations).</summary>
    public static IReadOnlyList<(string Name, int Weight)> Workloads { get; } =
        [("broadcast", 1), ("request-latency", 1), ("session-churn", 1), ("bank", 2)];

    /// <summary>
    /// Binds <c>weight.&lt;workload&gt;</c>, <c>memory_interval_s</c>, <c>memory_rise_limit_pct</c>; every
    /// <c>&lt;workload&gt;.&lt;key&gt;</c> goes, strictly, to that workload as its <c>key</c>.
    /// </summary>
    public static SoakOptions Bind(LoadProfile profile)
    {
        var own = profile.Params.Where(kv => !Workloads.Any(w => kv.Key.StartsWith(w.Name + ".", StringComparison.Ordinal)))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var p = new ParamBinder(profile with { Params = own });
        var weights = Workloads.Select(w => (w.Name, Weight: p.Int("weight." + w.Name, w.Weight))).ToList();
        var interval = TimeSpan.FromSeconds(p.Number("memory_interval_s", 5));
        var limit = p.Number("memory_rise_limit_pct", 25);
        p.Bind(weights);
        var parts = weights.Where(w => w.Weight > 0).Select(w => new SoakPart(w.Name, w.Weight, ScenarioFactory.Prepare(Sub(profile, w.Name)))).ToList();
        if (parts.Count == 0) throw new FormatException($"{profile.Source}: params.weight.*: at least one workload needs a positive weight");
        return new SoakOptions(parts, interval, limit);
    }

    private static LoadProfile Sub(LoadProfile profile, string name) => profile with
    {
        Scenario = name,
        Source = $"{profile.Source} ({name}.*)",
        Params = profile.Params.Where(kv => kv.Key.StartsWith(name + ".", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[(name.Length + 1)..], kv => kv.Value, StringComparer.Ordinal),
    };
}

/// <summary>One workload of a soak and its share of the iterations.</summary>
public sealed record SoakPart(string Name, int Weight, PreparedWorkload Workload);
