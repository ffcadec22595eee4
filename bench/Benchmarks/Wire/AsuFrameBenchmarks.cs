using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>Go-flavoured serialisation of an <c>asu</c> push payload, the text a node signs for every participant.</summary>
[MemoryDiagnoser]
public class AsuFrameBenchmarks
{
    private JsonObject _payload = [];

    /// <summary>Builds the payload from the vectors.</summary>
    [GlobalSetup]
    public void Setup() => _payload = AsuSample.Load().Payload;

    /// <summary><see cref="GoJson.Serialize"/> of the payload object.</summary>
    [Benchmark]
    public string GoJsonSerializePayload() => GoJson.Serialize(_payload);
}
