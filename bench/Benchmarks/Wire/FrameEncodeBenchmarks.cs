using BenchmarkDotNet.Attributes;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>JsJson of a request's <c>req</c> array, with and without building the params with <see cref="Requests"/> first; no signing.</summary>
[MemoryDiagnoser]
public class FrameEncodeBenchmarks
{
    private RequestSample _sample = null!;

    /// <summary>Which request shape (see <see cref="RequestSample.VectorNames"/>).</summary>
    [Params("create_app_session", "submit_app_state")]
    public string Frame { get; set; } = "create_app_session";

    /// <summary>Loads and verifies the sample.</summary>
    [GlobalSetup]
    public void Setup() => _sample = RequestSample.Load(Frame);

    /// <summary>JsJson of the req array from an already built params tree.</summary>
    [Benchmark(Baseline = true)]
    public string SerializeReq() => _sample.Request.ReqJson;

    /// <summary>Params built with the <see cref="Requests"/> builder, then the req array serialised.</summary>
    [Benchmark]
    public string BuildAndSerializeReq() => (_sample.Request with { Params = _sample.BuildParams() }).ReqJson;
}
