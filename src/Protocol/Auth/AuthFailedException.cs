namespace NitroConformance.Protocol.Auth;

/// <summary>The server's reply in the auth flow had an unexpected method or shape (error replies surface as RpcErrorException).</summary>
public sealed class AuthFailedException : Exception
{
    /// <summary>Creates the exception; <paramref name="frame"/> is the offending reply text.</summary>
    public AuthFailedException(string message, string frame) : base($"{message} Frame: {frame}")
    {
        Frame = frame;
    }

    /// <summary>The reply frame text.</summary>
    public string Frame { get; }
}
