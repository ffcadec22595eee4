namespace NitroConformance.Fixtures.AppSessions;

/// <summary>One row of the node's app-session table (participants kept exactly as sent).</summary>
public sealed class AppSessionRecord
{
    /// <summary>The id, "0x" + lowercase keccak hex of the Go-serialised definition.</summary>
    public required string SessionId { get; init; }
    /// <summary>Application name from the definition (may be empty).</summary>
    public required string Application { get; init; }
    /// <summary><c>NitroRPC/0.2</c> or <c>NitroRPC/0.4</c>.</summary>
    public required string Protocol { get; init; }
    /// <summary>Participant strings as sent, in definition order.</summary>
    public required IReadOnlyList<string> Participants { get; init; }
    /// <summary>Weights as sent (may differ in count from participants only under a seeded defect).</summary>
    public required IReadOnlyList<long> Weights { get; init; }
    /// <summary>Signature weight needed for submit and close.</summary>
    public required ulong Quorum { get; init; }
    /// <summary>Challenge period, stored only.</summary>
    public required ulong Challenge { get; init; }
    /// <summary>Definition nonce.</summary>
    public required ulong Nonce { get; init; }
    /// <summary>1 at creation, +1 per accepted update.</summary>
    public ulong Version { get; set; } = 1;
    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = AppSessionStatus.Open;
    /// <summary>Free text; <c>""</c> when never set.</summary>
    public string SessionData { get; set; } = "";
    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last change time.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Insertion order, the tie-breaker for equal timestamps.</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// Participant → weight the way the Go node builds its map: a participant listed twice takes the later weight;
    /// a participant without a weight (only possible under a seeded defect) weighs 0.
    /// </summary>
    public Dictionary<string, long> WeightsByParticipant()
    {
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Participants.Count; i++)
            map[Participants[i]] = i < Weights.Count ? Weights[i] : 0;
        return map;
    }

    /// <summary>True when <paramref name="wallet"/> is one of the participant strings (exact match).</summary>
    public bool IsParticipant(string wallet) => Participants.Contains(wallet, StringComparer.Ordinal);
}

/// <summary>App-session status strings.</summary>
public static class AppSessionStatus
{
    /// <summary>Accepts updates.</summary>
    public const string Open = "open";
    /// <summary>Final.</summary>
    public const string Closed = "closed";
}

/// <summary>Protocol strings an app session may use.</summary>
public static class AppProtocols
{
    /// <summary>Legacy protocol: no intent, no client version.</summary>
    public const string V02 = "NitroRPC/0.2";
    /// <summary>Current protocol: intents and client-sent versions.</summary>
    public const string V04 = "NitroRPC/0.4";
}
