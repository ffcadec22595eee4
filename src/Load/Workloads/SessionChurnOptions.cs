using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads;

/// <summary>Parameters of the session-churn workload: participant groups, their size, and submits per session.</summary>
public sealed record SessionChurnOptions(int Slots, int Participants, int Submits, TimeSpan Timeout)
{
    /// <summary>Binds <c>params</c> (slots, participants, submits).</summary>
    public static SessionChurnOptions Bind(LoadProfile profile)
    {
        var p = new ParamBinder(profile);
        var slots = p.Int("slots", 4, min: 1);
        var participants = p.Int("participants", 3, min: 2);
        var submits = p.Int("submits", 3);
        return p.Bind(new SessionChurnOptions(slots, participants, submits, profile.Timeout));
    }
}
