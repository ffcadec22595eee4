namespace NitroConformance.Fixtures.State;

/// <summary>
/// What the ledger logic needs to know about a wallet's on-chain channels (the reference node has no chain,
/// so tests and node options seed this): a challenged channel, and open/resizing channels holding funds.
/// </summary>
/// <param name="OpenChannels">Number of open or resizing channels (reported in the error text).</param>
/// <param name="OnChainAmount">Sum of those channels' amounts; non-zero blocks funding.</param>
public sealed record ChannelCondition(bool Challenged, int OpenChannels, decimal OnChainAmount);
