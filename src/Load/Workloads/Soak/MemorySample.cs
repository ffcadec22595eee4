using System.Globalization;

namespace NitroConformance.Load.Workloads.Soak;

/// <summary>
/// One reading: seconds since sampling began, this process's working set and managed heap in MiB, and the node's resident
/// set in MiB when the node runs in its own process (null otherwise).
/// </summary>
public sealed record MemorySample(double Seconds, double WorkingSetMiB, double HeapMiB, double? NodeWorkingSetMiB = null)
{
    /// <summary>"t=30s ws=212.4 heap=80.1", then " node_ws=150.2" when the node's process was sampled.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"t={Seconds:0}s ws={WorkingSetMiB:0.0} heap={HeapMiB:0.0}") +
        (NodeWorkingSetMiB is { } node ? string.Create(CultureInfo.InvariantCulture, $" node_ws={node:0.0}") : "");
}
