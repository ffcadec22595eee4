using NitroConformance.Fixtures;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads;

/// <summary>Builds the workload a profile names, and the balances the embedded node must credit for it.</summary>
public static class ScenarioFactory
{
    /// <summary>Workload names accepted in profiles.</summary>
    public static IReadOnlyList<string> Names { get; } = ["broadcast", "echo"];

    /// <summary>Balances to credit on the embedded node (none for the broadcast workload: its sessions hold no funds).</summary>
    public static IReadOnlyList<InitialBalance> Balances(LoadProfile profile) => [];

    /// <summary>Creates the scenario for <paramref name="profile"/> against <paramref name="target"/>.</summary>
    public static ILoadScenario Create(LoadProfile profile, Uri target) => profile.Scenario switch
    {
        "broadcast" => new BroadcastScenario(target, new BroadcastOptions(
            profile.IntParam("sessions", 10), profile.IntParam("participants", 5), profile.StringParam("protocol", "0.4"),
            profile.Shard, profile.IntParam("presign_depth", 8), profile.Timeout)),
        "echo" => new EchoScenario(target, profile.IntParam("connections", 8), profile.Timeout),
        _ => throw new ArgumentException($"{profile.Source}: scenario '{profile.Scenario}' is unknown (known: {string.Join(", ", Names)})"),
    };
}
