namespace NitroConformance.Protocol.Crypto;

/// <summary>One spending cap of a session key: asset symbol and decimal amount, both hashed as strings.</summary>
public sealed record Allowance(string Asset, string Amount);
