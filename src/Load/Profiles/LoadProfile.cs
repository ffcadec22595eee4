using NitroConformance.Load.Capacity;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Profiles;

/// <summary>A run configuration: scenario, target, load model, bounds, scenario parameters and thresholds.</summary>
public sealed record LoadProfile
{
    /// <summary>Profile name (file stem or "default").</summary>
    public string Name { get; init; } = "default";
    /// <summary>Where the profile came from (file path or "built-in").</summary>
    public string Source { get; init; } = "built-in";
    /// <summary>Workload name: broadcast, app-message, request-latency, session-churn, auth-storm, echo.</summary>
    public string Scenario { get; init; } = "broadcast";
    /// <summary>"embedded" or a ws:// URL (loopback only).</summary>
    public string Target { get; init; } = "embedded";
    /// <summary>Warm-up excluded from stats.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Load stages.</summary>
    public IReadOnlyList<LoadSimulation> Load { get; init; } = [new Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))];
    /// <summary>Cap on iterations (0 = schedule only).</summary>
    public long MaxIterations { get; init; } = 1_000_000;
    /// <summary>Open model: most iterations in flight before dropping.</summary>
    public int MaxInFlight { get; init; } = 1000;
    /// <summary>Open model: lateness that counts an iteration as late.</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMilliseconds(10);
    /// <summary>Wait for in-flight iterations after the schedule.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Per request / per push timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Scenario parameters (sessions, participants, protocol, method…).</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();
    /// <summary>Pass/fail thresholds.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];
    /// <summary>Output root; each run writes a sub-directory.</summary>
    public string OutputRoot { get; init; } = Path.Combine("reports", "load");
    /// <summary>Quiet mode (no live view).</summary>
    public bool Quiet { get; init; }
    /// <summary>Shard index (0-based) and count; (0, 1) when unsharded.</summary>
    public (int Index, int Count) Shard { get; init; } = (0, 1);
    /// <summary>Run directory name; generated when null.</summary>
    public string? RunId { get; init; }

    /// <summary>Capacity search bounds (<c>capacity:</c>); when set, <c>run</c> searches for the capacity instead of running the stages once.</summary>
    public CapacitySearchOptions? Capacity { get; init; }

    /// <summary>Engine options from this profile.</summary>
    public EngineOptions ToEngineOptions() => new()
    {
        Simulations = Load, WarmUp = WarmUp, MaxIterations = MaxIterations, MaxInFlight = MaxInFlight, LateAfter = LateAfter, Drain = Drain,
    };

    /// <summary>Shard text "i/N" (1-based) or null when unsharded.</summary>
    public string? ShardText => Shard.Count > 1 ? $"{Shard.Index + 1}/{Shard.Count}" : null;
}
