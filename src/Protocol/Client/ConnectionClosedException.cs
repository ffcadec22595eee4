namespace NitroConformance.Protocol.Client;

/// <summary>The WebSocket is closed (by either side or by a failure); pending and future calls fail with this.</summary>
public sealed class ConnectionClosedException : Exception
{
    /// <summary>A closed-connection failure; <paramref name="message"/> says who closed it and why, <paramref name="inner"/> the transport error if any.</summary>
    public ConnectionClosedException(string message, Exception? inner = null) : base(message, inner) { }
}
