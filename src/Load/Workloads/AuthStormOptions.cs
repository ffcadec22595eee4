using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads;

/// <summary>Parameters of the auth-storm workload: how many distinct wallets the connections cycle through.</summary>
public sealed record AuthStormOptions(int Wallets, TimeSpan Timeout)
{
    /// <summary>Binds <c>params</c> (wallets).</summary>
    public static AuthStormOptions Bind(LoadProfile profile)
    {
        var p = new ParamBinder(profile);
        var wallets = p.Int("wallets", 200, min: 1);
        return p.Bind(new AuthStormOptions(wallets, profile.Timeout));
    }
}
