using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>A received frame or the error that replaced it (unparseable, bad broker signature).</summary>
internal readonly record struct InboundItem(RpcFrame? Frame, Exception? Error)
{
    public RpcFrame Unwrap() => Error is not null ? throw Error : Frame!;
}
