namespace NitroConformance.Protocol.Client;

/// <summary>Whether a logged frame was sent or received.</summary>
public enum FrameDirection
{
    /// <summary>Client → server.</summary>
    Outbound,

    /// <summary>Server → client.</summary>
    Inbound,
}
