using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Engine;

/// <summary>A workload that checks the target's state after the run (e.g. the bank's ledger audit) and records the findings as counters.</summary>
public interface IRunAudit
{
    /// <summary>Runs once after the engine has stopped, before the report is built; adds its counters to <paramref name="metrics"/>.</summary>
    Task AuditAsync(MetricRegistry metrics, CancellationToken ct);
}
