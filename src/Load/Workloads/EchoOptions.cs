using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads;

/// <summary>Parameters of the echo calibration workload: raw WebSocket connections in the pool.</summary>
public sealed record EchoOptions(int Connections, TimeSpan Timeout)
{
    /// <summary>Binds <c>params</c> (connections).</summary>
    public static EchoOptions Bind(LoadProfile profile)
    {
        var p = new ParamBinder(profile);
        var connections = p.Int("connections", 8, min: 1);
        return p.Bind(new EchoOptions(connections, profile.Timeout));
    }
}
