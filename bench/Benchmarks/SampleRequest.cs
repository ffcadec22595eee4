using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Benchmarks;

/// <summary>A representative submit_app_state req array (about 300 bytes), the payload the load harness signs most.</summary>
internal static class SampleRequest
{
    public const string Json =
        "[1008,\"submit_app_state\",{\"app_session_id\":\"0x9351f29c0db884fcf9d909c5ff9d51bf43494114d5f6085e103dca5dd14025a5\"," +
        "\"intent\":\"operate\",\"version\":2,\"allocations\":[{\"participant\":\"0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d\"," +
        "\"asset\":\"usdc\",\"amount\":\"1.5\"}],\"session_data\":\"{\\\"move\\\":\\\"e2e4\\\"}\"},1735689608000]";

    /// <summary>Alice's signature over <see cref="Json"/>.</summary>
    public static readonly string SignatureHex =
        EthKey.FromSeed("nitro-conformance-alice", Secp256k1.Managed).SignHashHex(Keccak256.HashUtf8(Json));
}
