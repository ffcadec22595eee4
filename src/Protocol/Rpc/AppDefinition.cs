namespace NitroConformance.Protocol.Rpc;

/// <summary>An app session definition, fields in the order the ClearNode serialises them for the session id.</summary>
/// <param name="Application">Application name.</param>
/// <param name="Protocol">"NitroRPC/0.2" or "NitroRPC/0.4".</param>
/// <param name="Participants">Participant addresses, exactly as sent (letter case matters for the id).</param>
/// <param name="Weights">One signing weight per participant.</param>
/// <param name="Quorum">Total weight needed to accept a state.</param>
/// <param name="Challenge">Challenge period in seconds.</param>
/// <param name="Nonce">Uniqueness nonce (keep it ≤ 2^53: the server passes numbers through float64).</param>
public sealed record AppDefinition(
    string Application,
    string Protocol,
    IReadOnlyList<string> Participants,
    IReadOnlyList<long> Weights,
    ulong Quorum,
    ulong Challenge,
    ulong Nonce);
