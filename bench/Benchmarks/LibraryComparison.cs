using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Benchmarks;

/// <summary>
/// Our crypto next to the libraries that could replace it (Nethereum 6.1.0), one thread, CPU time: the figures
/// behind README "Dependencies and why" and docs/performance-signing.md.
/// </summary>
internal static class LibraryComparison
{
    // The auth Policy of the spec's worked example C with one allowance, as eth_signTypedData_v4 JSON.
    private const string TypedDataJson = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"}],"Policy":[{"name":"challenge","type":"string"},{"name":"scope","type":"string"},{"name":"wallet","type":"address"},{"name":"session_key","type":"address"},{"name":"expires_at","type":"uint64"},{"name":"allowances","type":"Allowance[]"}],"Allowance":[{"name":"asset","type":"string"},{"name":"amount","type":"string"}]},"primaryType":"Policy","domain":{"name":"clearnode"},"message":{"challenge":"550e8400-e29b-41d4-a716-446655440000","scope":"console","wallet":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","session_key":"0xCFEA8Fd97A33D4cb68aC61eDE98Bc18D07eff004","expires_at":1762417328,"allowances":[{"asset":"usdc","amount":"100"}]}}
        """;

    public static int Run(string[] args)
    {
        var operations = args.Length > 1 && int.TryParse(args[1], out var n) && n > 0 ? n : 2_000;
        var hash = Keccak256.HashUtf8(SampleRequest.Json);
        var key = Keccak256.HashUtf8("nitro-conformance-alice");
        var signature = new byte[65];
        var publicKey = new byte[64];

        Console.WriteLine("| Implementation | Operation | Ops | CPU s | Wall s | Ops per CPU-second | Ops per wall-second |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        if (Secp256k1.Native is { } native)
        {
            CpuThroughput.Measure("ours: native (Secp256k1.Net's libsecp256k1)", "sign", operations * 10, () => native.Sign(hash, key, signature));
            CpuThroughput.Measure("ours: native", "recover", operations * 10, () => native.TryRecover(hash, signature, publicKey));
        }
        var managed = Secp256k1.Managed;
        CpuThroughput.Measure("ours: managed (NBitcoin.Secp256k1)", "sign", operations, () => managed.Sign(hash, key, signature));
        CpuThroughput.Measure("ours: managed", "recover", operations, () => managed.TryRecover(hash, signature, publicKey));

        var ethKey = new EthECKey(key, isPrivate: true);
        EthECKey.SignRecoverable = false;
        CpuThroughput.Measure("Nethereum EthECKey, default (BouncyCastle)", "sign", Math.Max(10, operations / 10), () => ethKey.SignAndCalculateV(hash));
        EthECKey.SignRecoverable = true;
        CpuThroughput.Measure("Nethereum EthECKey, SignRecoverable", "sign", operations, () => ethKey.SignAndCalculateV(hash));
        var ethSignature = ethKey.SignAndCalculateV(hash);
        CpuThroughput.Measure("Nethereum EthECKey", "recover", operations, () => EthECKey.RecoverFromSignature(ethSignature, hash));

        var request = System.Text.Encoding.UTF8.GetBytes(SampleRequest.Json);
        var digest = new byte[32];
        CpuThroughput.Measure("ours: Keccak256", $"keccak256 ({request.Length} B)", operations * 100, () => Keccak256.Hash(request, digest));
        CpuThroughput.Measure("Nethereum Sha3Keccack", $"keccak256 ({request.Length} B)", operations * 100, () => Sha3Keccack.Current.CalculateHash(request));

        var policy = new AuthPolicy("550e8400-e29b-41d4-a716-446655440000", "console", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0xCFEA8Fd97A33D4cb68aC61eDE98Bc18D07eff004", 1762417328, [new Allowance("usdc", "100")]);
        var ours = Hex.Encode(Eip712Auth.Digest("clearnode", policy));
        var theirs = Hex.Encode(Sha3Keccack.Current.CalculateHash(Eip712TypedDataSigner.Current.EncodeTypedData(TypedDataJson)));
        if (ours != theirs) throw new InvalidOperationException($"EIP-712 digests differ: ours {ours}, Nethereum {theirs}");
        CpuThroughput.Measure("ours: Eip712Auth.Digest", "auth digest (1 allowance)", operations * 10, () => Eip712Auth.Digest("clearnode", policy));
        CpuThroughput.Measure("Nethereum Eip712TypedDataSigner", "auth digest from JSON (1 allowance)", operations, () =>
            Sha3Keccack.Current.CalculateHash(Eip712TypedDataSigner.Current.EncodeTypedData(TypedDataJson)));
        return 0;
    }
}
