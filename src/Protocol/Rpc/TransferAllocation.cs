namespace NitroConformance.Protocol.Rpc;

/// <summary>One asset amount moved by <c>transfer</c>; <see cref="Amount"/> is a decimal string.</summary>
public sealed record TransferAllocation(string Asset, string Amount);
