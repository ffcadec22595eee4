using System.Net;

namespace NitroConformance.Load.Workloads;

/// <summary>Refuses targets that are not on this machine: the harness only loads loopback addresses.</summary>
public static class Guard
{
    /// <summary>Environment variable that allows a non-loopback target (for operators load-testing their own node).</summary>
    public const string AllowRemoteVariable = "NITRO_LOAD_ALLOW_REMOTE";

    /// <summary>Throws <see cref="ArgumentException"/> unless the host is 127.0.0.0/8, ::1 or localhost (or remote targets are allowed explicitly).</summary>
    public static void Loopback(Uri target)
    {
        if (target.Scheme is not ("ws" or "wss"))
            throw new ArgumentException($"target '{target}': scheme must be ws or wss");
        if (Environment.GetEnvironmentVariable(AllowRemoteVariable) == "1") return;
        var host = target.Host;
        if (host == "localhost") return;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)) return;
        throw new ArgumentException($"target '{target}': not a loopback address; set {AllowRemoteVariable}=1 to load a node you operate elsewhere");
    }
}
