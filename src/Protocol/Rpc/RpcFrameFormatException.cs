namespace NitroConformance.Protocol.Rpc;

/// <summary>A frame that is not a well-formed NitroRPC envelope; <see cref="Field"/> names the offending part.</summary>
public sealed class RpcFrameFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="field"/> (e.g. <c>req[0]</c>, <c>sig[1]</c>, <c>frame</c>).</summary>
    public RpcFrameFormatException(string field, string message, Exception? inner = null)
        : base($"Malformed RPC frame: {field}: {message}", inner)
    {
        Field = field;
    }

    /// <summary>Which part of the frame is wrong.</summary>
    public string Field { get; }
}
