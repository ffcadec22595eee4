using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests;

/// <summary>The vectors' test keys by name (private key = keccak256("nitro-conformance-" + name)).</summary>
internal static class TestKeys
{
    public static EthKey Named(string name) => EthKey.FromSeed("nitro-conformance-" + name);
}
