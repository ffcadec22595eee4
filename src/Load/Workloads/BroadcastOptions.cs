using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Workloads;

/// <summary>Parameters of the broadcast fan-out workload (and of its legacy app-message twin).</summary>
/// <param name="Sessions">App sessions across all shards.</param>
/// <param name="Participants">Participants per session, each on its own connection.</param>
/// <param name="Protocol">"0.4" (submit with intent operate) or "0.2".</param>
/// <param name="Shard">0-based shard index and shard count; a shard runs the sessions whose index ≡ shard (mod count).</param>
/// <param name="PresignDepth">Submits signed ahead per session.</param>
/// <param name="Timeout">Per submit and per push wait.</param>
public sealed record BroadcastOptions(int Sessions, int Participants, string Protocol, (int Index, int Count) Shard, int PresignDepth, TimeSpan Timeout)
{
    /// <summary>Extra authenticated idle connections held open during the run (connection scale), each its own wallet.</summary>
    public int Connections { get; init; }

    /// <summary>Most held connections opened per second.</summary>
    public double ConnectRate { get; init; } = DefaultConnectRate;

    /// <summary>
    /// Default connect rate: under what a node with the v0.5 challenge cap accepts (1000 challenges, each kept 30 s after use
    /// — Go clearnode <c>auth.go</c> ~lines 61, 107 and 160 — so about 33 logins/s at most, as the embedded node enforces).
    /// </summary>
    public const double DefaultConnectRate = 25;

    /// <summary>Binds <c>params</c> (sessions, participants, protocol, presign_depth, connections, connect_rate); app-message always runs NitroRPC/0.4.</summary>
    public static BroadcastOptions Bind(LoadProfile profile, bool appMessage)
    {
        var p = new ParamBinder(profile);
        var sessions = p.Int("sessions", 10, min: 1);
        var participants = p.Int("participants", 5, min: 2);
        var protocol = appMessage ? "0.4" : p.Choice("protocol", "0.4", "0.4", "0.2");
        var depth = p.Int("presign_depth", 8, min: 1);
        var connections = p.Int("connections", 0);
        var rate = p.Number("connect_rate", DefaultConnectRate);
        return p.Bind(new BroadcastOptions(sessions, participants, protocol, profile.Shard, depth, profile.Timeout) { Connections = connections, ConnectRate = rate });
    }

    /// <summary>Global session indexes this shard owns.</summary>
    public IReadOnlyList<int> OwnedSessions() =>
        Enumerable.Range(0, Sessions).Where(s => s % Shard.Count == Shard.Index).ToList();

    /// <summary>Throws on values the workload cannot run with.</summary>
    public void Validate()
    {
        if (Participants < 2) throw new ArgumentException("params.participants: an app session needs at least 2 participants");
        if (Sessions < 1) throw new ArgumentException("params.sessions: at least 1 session");
        if (Protocol is not ("0.4" or "0.2")) throw new ArgumentException($"params.protocol: '{Protocol}' (use 0.4 or 0.2)");
        if (Shard.Count < 1 || Shard.Index < 0 || Shard.Index >= Shard.Count) throw new ArgumentException("shard: index must be in 1..N");
        if (OwnedSessions().Count == 0) throw new ArgumentException($"shard {Shard.Index + 1}/{Shard.Count} owns no session (sessions: {Sessions})");
    }
}
