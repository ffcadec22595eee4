namespace NitroConformance.Load.Workloads;

/// <summary>Parameters of the broadcast fan-out workload.</summary>
/// <param name="Sessions">App sessions across all shards.</param>
/// <param name="Participants">Participants per session, each on its own connection.</param>
/// <param name="Protocol">"0.4" (submit with intent operate) or "0.2".</param>
/// <param name="Shard">0-based shard index and shard count; a shard runs the sessions whose index ≡ shard (mod count).</param>
/// <param name="PresignDepth">Submits signed ahead per session.</param>
/// <param name="Timeout">Per submit and per push wait.</param>
public sealed record BroadcastOptions(int Sessions, int Participants, string Protocol, (int Index, int Count) Shard, int PresignDepth, TimeSpan Timeout)
{
    /// <summary>Legacy app-message relay instead of submit_app_state: the sender's <c>message</c> (with <c>sid</c>) is relayed to every other participant.</summary>
    public bool AppMessage { get; init; }

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
