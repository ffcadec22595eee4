using NitroConformance.Protocol.Client;

namespace NitroConformance.Conformance.Running;

/// <summary>The last frames a case exchanged over all its connections, oldest first, as <c>→ text</c> / <c>← text</c> lines.</summary>
public static class FrameTail
{
    /// <summary>Prefix of a sent frame.</summary>
    public const string Sent = "→ ";
    /// <summary>Prefix of a received frame.</summary>
    public const string Received = "← ";

    /// <summary>The last <paramref name="count"/> frames of <paramref name="connections"/>, merged by receipt/send time.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<CaseConnection> connections, int count) =>
        connections.SelectMany(c => c.Client.FrameLog)
            .OrderBy(f => f.Timestamp)
            .TakeLast(count)
            .Select(f => (f.Direction == FrameDirection.Outbound ? Sent : Received) + f.Text)
            .ToList();
}
