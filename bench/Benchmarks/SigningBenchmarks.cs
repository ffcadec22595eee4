using BenchmarkDotNet.Attributes;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Benchmarks;

/// <summary>ECDSA sign (RFC 6979, low-s) and public-key recovery per secp256k1 backend.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private readonly byte[] _privateKey = Keccak256.HashUtf8("nitro-conformance-alice");
    private readonly byte[] _hash = Keccak256.HashUtf8(SampleRequest.Json);
    private readonly byte[] _signature = new byte[65];
    private readonly byte[] _publicKey = new byte[64];
    private ISecp256k1 _backend = Secp256k1.Managed;

    /// <summary>Which backend runs.</summary>
    [Params("native", "managed")]
    public string Backend { get; set; } = "native";

    /// <summary>Resolves the backend and prepares a signature to recover.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _backend = Backend == "native"
            ? Secp256k1.Native ?? throw new InvalidOperationException($"native backend unavailable: {Secp256k1.NativeUnavailableReason}")
            : Secp256k1.Managed;
        _backend.Sign(_hash, _privateKey, _signature);
    }

    /// <summary>One signature over a 32-byte hash.</summary>
    [Benchmark]
    public byte Sign()
    {
        _backend.Sign(_hash, _privateKey, _signature);
        return _signature[64];
    }

    /// <summary>One public-key recovery from a 65-byte signature.</summary>
    [Benchmark]
    public bool Recover() => _backend.TryRecover(_hash, _signature, _publicKey);

    /// <summary>Recovery plus EIP-55 address derivation, what a server does per request signature.</summary>
    [Benchmark]
    public bool RecoverAddress() => Signature.TryRecoverAddress(_hash, SampleRequest.SignatureHex, _backend, out _);
}
