namespace NitroConformance.Protocol.Client;

/// <summary>The WebSocket is closed (by either side or by a failure); pending and future calls fail with this.</summary>
public sealed class ConnectionClosedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectionClosedException(string message, Exception? inner = null) : base(message, inner) { }
}
