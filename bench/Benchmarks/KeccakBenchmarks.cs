using System.Text;
using BenchmarkDotNet.Attributes;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Benchmarks;

/// <summary>Keccak-256 of a typical signed request (about 300 bytes of req JSON).</summary>
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private readonly byte[] _request = Encoding.UTF8.GetBytes(SampleRequest.Json);
    private readonly byte[] _digest = new byte[32];

    /// <summary>Hash into a caller buffer.</summary>
    [Benchmark]
    public byte HashRequest()
    {
        Keccak256.Hash(_request, _digest);
        return _digest[0];
    }

    /// <summary>UTF-8 encode the text and hash it, as a signer does with req JSON.</summary>
    [Benchmark]
    public byte[] HashRequestText() => Keccak256.HashUtf8(SampleRequest.Json);
}
