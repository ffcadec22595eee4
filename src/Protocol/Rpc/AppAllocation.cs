namespace NitroConformance.Protocol.Rpc;

/// <summary>One participant's share of one asset in an app session; <see cref="Amount"/> is a decimal string.</summary>
public sealed record AppAllocation(string Participant, string Asset, string Amount);
