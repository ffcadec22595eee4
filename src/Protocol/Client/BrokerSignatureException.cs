using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>A server frame whose signature does not recover to the expected broker address over the raw <c>res</c> bytes.</summary>
public sealed class BrokerSignatureException : Exception
{
    /// <summary>Creates the exception for <paramref name="frame"/>.</summary>
    public BrokerSignatureException(RpcFrame frame, string expectedBroker, string? recovered)
        : base(recovered is null
            ? $"Server frame (request id {frame.RequestId}, method {frame.Method}) has no recoverable broker signature; expected {expectedBroker}."
            : $"Server frame (request id {frame.RequestId}, method {frame.Method}) is signed by {recovered}, expected broker {expectedBroker}.")
    {
        Frame = frame;
        ExpectedBroker = expectedBroker;
        RecoveredAddress = recovered;
    }

    /// <summary>The offending frame.</summary>
    public RpcFrame Frame { get; }

    /// <summary>The broker address the client was told to expect.</summary>
    public string ExpectedBroker { get; }

    /// <summary>The address sig[0] recovered to, or null when absent/unrecoverable.</summary>
    public string? RecoveredAddress { get; }
}
