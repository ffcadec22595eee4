namespace NitroConformance.Load.Workloads.Soak;

/// <summary>
/// Whether a memory series rises: the floor (the minimum, i.e. what survives garbage collection) of each quarter of the
/// series after its first fifth (start-up: JIT, pools, connections) is compared; a leak raises every floor.
/// </summary>
/// <param name="GrowthPercent">Growth of the last quarter's floor over the first quarter's, in percent.</param>
/// <param name="Rising">Floors never fall from quarter to quarter and grow by more than the limit.</param>
public sealed record MemoryTrend(double GrowthPercent, bool Rising)
{
    /// <summary>Fewest samples a verdict needs (below that: not rising, 0 %).</summary>
    public const int MinSamples = 8;

    /// <summary>Judges <paramref name="values"/> (in time order) against <paramref name="limitPercent"/>.</summary>
    public static MemoryTrend Of(IReadOnlyList<double> values, double limitPercent)
    {
        if (values.Count < MinSamples) return new MemoryTrend(0, false);
        var settled = values.Skip(values.Count / 5).ToList();
        var quarter = settled.Count / 4;
        var floors = Enumerable.Range(0, 4).Select(q => settled.Skip(q * quarter).Take(q == 3 ? settled.Count - 3 * quarter : quarter).Min()).ToList();
        var growth = floors[0] <= 0 ? 0 : (floors[3] - floors[0]) / floors[0] * 100;
        var monotonic = floors.Zip(floors.Skip(1)).All(p => p.Second >= p.First);
        return new MemoryTrend(Math.Round(growth, 1), monotonic && growth > limitPercent);
    }
}
