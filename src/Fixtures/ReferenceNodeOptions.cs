using NitroConformance.Fixtures.Defects;

namespace NitroConformance.Fixtures;

/// <summary>One configured asset as reported by <c>get_assets</c> and the on-connect <c>assets</c> push.</summary>
/// <param name="Disabled">Disabled assets are still listed but cannot be named in session-key allowances.</param>
public sealed record NodeAsset(string Symbol, int Decimals, uint ChainId, string Token, bool Disabled = false);

/// <summary>One network as reported by <c>get_config</c>.</summary>
public sealed record NodeNetwork(uint ChainId, string Name, string CustodyAddress, string AdjudicatorAddress);

/// <summary>A unified balance credited to a wallet when the node starts (the test-only seeding hook).</summary>
public sealed record InitialBalance(string Wallet, string Asset, decimal Amount);

/// <summary>Everything that configures one reference node instance; every member has a usable default.</summary>
public sealed record ReferenceNodeOptions
{
    /// <summary>Hardhat/Anvil development key #0 (address 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266), as in the spec's examples.</summary>
    public const string DefaultBrokerPrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Default largest accepted inbound message (1 MiB); larger messages close the connection with 1009.</summary>
    public const int DefaultMaxFrameBytes = 1024 * 1024;

    /// <summary>The broker's private key (hex); it signs every response and push.</summary>
    public string BrokerPrivateKey { get; init; } = DefaultBrokerPrivateKey;

    /// <summary>Configured assets in <c>get_assets</c> order.</summary>
    public IReadOnlyList<NodeAsset> Assets { get; init; } = DefaultAssets;

    /// <summary>Networks for <c>get_config</c>; empty means one entry per distinct asset chain id.</summary>
    public IReadOnlyList<NodeNetwork> Networks { get; init; } = [];

    /// <summary>The node's clock: server timestamps, timestamp freshness, expiries.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>App-session protocols the node accepts.</summary>
    public IReadOnlySet<string> Protocols { get; init; } = new HashSet<string> { "NitroRPC/0.2", "NitroRPC/0.4" };

    /// <summary>Unified balances to credit at start-up.</summary>
    public IReadOnlyList<InitialBalance> InitialBalances { get; init; } = [];

    /// <summary>Enables the legacy <c>message</c> relay between app-session participants (off = v0.5 behaviour).</summary>
    public bool AppMessageRelay { get; init; }

    /// <summary>Largest inbound message in bytes; the Go node has no limit.</summary>
    public int MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;

    /// <summary>Seeded defects of this instance.</summary>
    public IReadOnlySet<DefectId> Defects { get; init; } = new HashSet<DefectId>();

    /// <summary>Default listen address: loopback only, so an embedded node is never reachable from other machines.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>IP address to listen on (e.g. <c>0.0.0.0</c> inside a container); default loopback.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>TCP port on <see cref="Host"/>; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Largest accepted age of a private request's timestamp (<c>MSG_EXPIRY_TIME</c>, 60 s).</summary>
    public TimeSpan TimestampWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sliding lifetime of a wallet's auth session (24 h).</summary>
    public TimeSpan AuthSessionLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Lifetime of an <c>auth_request</c> challenge (5 min).</summary>
    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest number of stored challenges node-wide (1000).</summary>
    public int MaxChallenges { get; init; } = 1000;

    /// <summary>Outbound frames a connection may have queued; a connection that falls further behind is closed.</summary>
    public int OutboundQueueCapacity { get; init; } = 1024;

    /// <summary>
    /// Which node to imitate: <see cref="NodeProfile.Default"/>, or <see cref="NodeProfile.GoV05"/> for the Go node's
    /// observable behaviour (its bugs, its two crashes, its texts; implies <see cref="RandomOrder"/>).
    /// </summary>
    public NodeProfile Profile { get; init; }

    /// <summary>Randomises every order the Go node takes from a map or unordered rows, per response.</summary>
    public bool RandomOrder { get; init; }

    /// <summary>Seed of the random orders (null: drawn at start; <see cref="ReferenceNode.RandomSeed"/> reports it).</summary>
    public int? RandomSeed { get; init; }

    /// <summary>usdc (6 decimals) and weth (18 decimals) on chain 1337, with Anvil-style token addresses.</summary>
    public static IReadOnlyList<NodeAsset> DefaultAssets { get; } =
    [
        new("usdc", 6, 1337, "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
        new("weth", 18, 1337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"),
    ];

    /// <summary>The networks <c>get_config</c> reports.</summary>
    public IReadOnlyList<NodeNetwork> EffectiveNetworks() =>
        Networks.Count > 0
            ? Networks
            : Assets.Select(a => a.ChainId).Distinct().Select(id => new NodeNetwork(id, $"chain-{id}",
                "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9")).ToList();
}
