namespace NitroConformance.Protocol.Client;

/// <summary>One frame in the client's log: direction, <see cref="System.Diagnostics.Stopwatch"/> timestamp and wall time of send/receipt, exact text.</summary>
public sealed record LoggedFrame(FrameDirection Direction, long Timestamp, DateTimeOffset Time, string Text);
