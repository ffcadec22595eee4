using BenchmarkDotNet.Attributes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>
/// A complete signed frame: JsJson of the req array, keccak256, one signature per signer (as in the vector:
/// 3 for create_app_session, 2 for submit_app_state) and the envelope text, per secp256k1 backend.
/// </summary>
[MemoryDiagnoser]
public class FrameSignBenchmarks
{
    private RequestSample _sample = null!;
    private EthKey[] _signers = [];

    /// <summary>Which request shape (see <see cref="RequestSample.VectorNames"/>).</summary>
    [Params("create_app_session", "submit_app_state")]
    public string Frame { get; set; } = "create_app_session";

    /// <summary>Which backend signs.</summary>
    [Params("native", "managed")]
    public string Backend { get; set; } = "native";

    /// <summary>Loads the sample and the signers on the chosen backend.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sample = RequestSample.Load(Frame);
        var backend = Backend == "native"
            ? Secp256k1.Native ?? throw new InvalidOperationException($"native backend unavailable: {Secp256k1.NativeUnavailableReason}")
            : Secp256k1.Managed;
        _signers = _sample.Signers(backend);
        var frame = RpcFrames.SignRequest(_sample.Request, _signers).Frame;
        if (frame != _sample.Envelope) throw new InvalidOperationException($"{Backend} backend signs {_sample.VectorName} differently from the vector.");
    }

    /// <summary>Serialise, hash, sign by every signer, assemble the envelope.</summary>
    [Benchmark]
    public string BuildSignedFrame() => RpcFrames.SignRequest(_sample.Request, _signers).Frame;
}
