using BenchmarkDotNet.Attributes;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Benchmarks.Wire;

/// <summary><see cref="RpcFrameParser.Parse"/> of typical frames: the two request envelopes of the vectors and an <c>asu</c> push.</summary>
[MemoryDiagnoser]
public class FrameParseBenchmarks
{
    private string _text = "";

    /// <summary>create_app_session / submit_app_state request envelopes, or the asu push.</summary>
    [Params("create_app_session", "submit_app_state", "asu")]
    public string Frame { get; set; } = "submit_app_state";

    /// <summary>Loads the frame text.</summary>
    [GlobalSetup]
    public void Setup() => _text = Frame == "asu" ? AsuSample.Load().Frame : RequestSample.Load(Frame).Envelope;

    /// <summary>One parse (UTF-8 encode, scan, raw-array slice, params tree).</summary>
    [Benchmark]
    public RpcFrame Parse() => RpcFrameParser.Parse(_text);
}
