using NitroConformance.Load.Profiles;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>Parameters of the request-latency workload: which method, over how many authenticated connections.</summary>
public sealed record RequestLatencyOptions(string Method, int Connections, TimeSpan Timeout)
{
    /// <summary>Binds <c>params</c> (method, connections).</summary>
    public static RequestLatencyOptions Bind(LoadProfile profile)
    {
        var p = new ParamBinder(profile);
        var method = p.Choice("method", RpcMethods.Ping, [.. RequestLatencyScenario.Methods]);
        // Transfers go to the next wallet, so two is the least.
        var connections = p.Int("connections", 8, min: 2);
        return p.Bind(new RequestLatencyOptions(method, connections, profile.Timeout));
    }
}
