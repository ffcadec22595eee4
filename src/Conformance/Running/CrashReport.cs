namespace NitroConformance.Conformance.Running;

/// <summary>Why a case counts as CRASHED: the frame the case sent last before the node stopped answering, and the frames before it.</summary>
public sealed record CrashReport(string Frame, IReadOnlyList<string> Before, string NodeError)
{
    /// <summary>Frames kept before the crashing one.</summary>
    public const int FramesBefore = 8;

    /// <summary>Builds the report from a case's frame tail (<c>→ text</c> sent, <c>← text</c> received, oldest first).</summary>
    public static CrashReport From(IReadOnlyList<string> tail, string nodeError)
    {
        var last = -1;
        for (var i = tail.Count - 1; i >= 0 && last < 0; i--)
            if (tail[i].StartsWith(FrameTail.Sent, StringComparison.Ordinal)) last = i;
        if (last < 0) return new CrashReport("(no frame was sent)", tail.TakeLast(FramesBefore).ToList(), nodeError);
        return new CrashReport(tail[last][FrameTail.Sent.Length..], tail.Take(last).TakeLast(FramesBefore).ToList(), nodeError);
    }

    /// <summary>Multi-line text for reports.</summary>
    public string Describe() =>
        $"node stopped answering: {NodeError}\ncrashing frame: {Frame}\nframes before it (oldest first):\n"
        + (Before.Count == 0 ? "  (none)" : string.Join("\n", Before.Select(f => "  " + f)));
}
