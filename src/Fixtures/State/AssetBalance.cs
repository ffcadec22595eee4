namespace NitroConformance.Fixtures.State;

/// <summary>The sum of one wallet's rows in one asset under one account.</summary>
public sealed record AssetBalance(string Asset, decimal Amount);
