namespace NitroConformance.Load.Engine;

/// <summary>How many concurrent copies a sequence of closed-model stages wants at each moment (the closed twin of <see cref="OpenSchedule"/>).</summary>
public static class ClosedSchedule
{
    /// <summary>
    /// Copies wanted <paramref name="seconds"/> after the schedule start: a constant stage holds its count, a ramp moves
    /// linearly from the previous stage's count (0 before the first) and is rounded to the nearest copy; 0 after the end.
    /// </summary>
    public static int CopiesAt(IReadOnlyList<LoadSimulation> stages, double seconds)
    {
        var stageStart = 0.0;
        var previous = 0;
        foreach (var stage in stages)
        {
            var d = stage.During.TotalSeconds;
            var (c0, c1) = stage switch
            {
                KeepConstant k => (k.Copies, k.Copies),
                RampingConstant r => (previous, r.Copies),
                _ => throw new ArgumentException($"stage '{stage.Describe()}' is open-model; a closed schedule takes keep_constant and ramping_constant stages only"),
            };
            if (seconds < stageStart + d)
            {
                var frac = Math.Clamp((seconds - stageStart) / d, 0, 1);
                return (int)Math.Round(c0 + (c1 - c0) * frac, MidpointRounding.ToEven);
            }
            previous = c1;
            stageStart += d;
        }
        return 0;
    }
}
