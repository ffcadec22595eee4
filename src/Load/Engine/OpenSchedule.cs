namespace NitroConformance.Load.Engine;

/// <summary>Intended start offsets (seconds from the schedule start) of every iteration of a sequence of open-model stages.</summary>
public static class OpenSchedule
{
    /// <summary>Offsets in ascending order; iteration j of a stage starts where the integral of the rate reaches j.</summary>
    public static IEnumerable<double> Offsets(IReadOnlyList<LoadSimulation> stages, double initialRate = 0)
    {
        var stageStart = 0.0;
        var previousRate = initialRate;
        var carry = 0.0; // fractional iterations owed from earlier stages, so rates join without gaps
        foreach (var stage in stages)
        {
            var d = stage.During.TotalSeconds;
            var (r0, r1) = stage switch
            {
                Inject i => (i.PerSecond, i.PerSecond),
                RampingInject r => (previousRate, r.PerSecond),
                _ => throw new ArgumentException($"stage '{stage.Describe()}' is closed-model; an open schedule takes inject stages only"),
            };
            var total = d * (r0 + r1) / 2;
            var n = carry;
            while (n < total - 1e-9)
            {
                yield return stageStart + TimeAt(n, r0, r1, d);
                n += 1;
            }
            carry = n - total;
            stageStart += d;
            previousRate = r1;
        }
    }

    // Solves r0·t + (r1−r0)·t²/(2d) = n for t in [0, d].
    private static double TimeAt(double n, double r0, double r1, double d)
    {
        if (Math.Abs(r1 - r0) < 1e-12) return n / r0;
        var a = (r1 - r0) / (2 * d);
        var disc = r0 * r0 + 4 * a * n;
        return (-r0 + Math.Sqrt(Math.Max(0, disc))) / (2 * a);
    }
}
