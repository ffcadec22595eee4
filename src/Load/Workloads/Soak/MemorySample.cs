using System.Globalization;

namespace NitroConformance.Load.Workloads.Soak;

/// <summary>One reading of this process's memory: seconds since sampling began, working set and managed heap in MiB.</summary>
public sealed record MemorySample(double Seconds, double WorkingSetMiB, double HeapMiB)
{
    /// <summary>"t=30s ws=212.4 heap=80.1".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"t={Seconds:0}s ws={WorkingSetMiB:0.0} heap={HeapMiB:0.0}");
}
