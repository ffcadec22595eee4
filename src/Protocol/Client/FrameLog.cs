using System.Collections.Concurrent;
using System.Diagnostics;

namespace NitroConformance.Protocol.Client;

/// <summary>The client's record of every frame sent and received, in order; records nothing when disabled.</summary>
internal sealed class FrameLog(bool enabled)
{
    private readonly ConcurrentQueue<LoggedFrame> _frames = new();

    public void Record(FrameDirection direction, long timestamp, string text)
    {
        if (enabled) _frames.Enqueue(new LoggedFrame(direction, timestamp, DateTimeOffset.UtcNow, text));
    }

    public void RecordOutbound(string text) => Record(FrameDirection.Outbound, Stopwatch.GetTimestamp(), text);

    public IReadOnlyList<LoggedFrame> Snapshot() => _frames.ToArray();
}
