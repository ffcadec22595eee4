using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.Tests.Support;

/// <summary>Well-known development keys (the spec's examples) and a few derived ones.</summary>
public static class TestKeys
{
    /// <summary>Alice's wallet (Anvil #1), 0x70997970C51812dc3A010C7d01b50e0d17dc79C8.</summary>
    public static readonly EthKey Alice = EthKey.FromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    /// <summary>Bob's wallet (Anvil #2), 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC.</summary>
    public static readonly EthKey Bob = EthKey.FromHex("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    /// <summary>Carol's wallet (derived).</summary>
    public static readonly EthKey Carol = EthKey.FromSeed("fixtures-tests/carol");

    /// <summary>A fresh random-looking key per label (deterministic).</summary>
    public static EthKey Key(string label) => EthKey.FromSeed("fixtures-tests/" + label);
}
