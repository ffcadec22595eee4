namespace NitroConformance.Conformance.Running;

/// <summary>Thrown when the pre-flight found a problem: the run stops with <see cref="Exception.Message"/>.</summary>
public sealed class PreFlightFailedException(PreFlightReport report) : Exception(report.Message)
{
    /// <summary>The checks.</summary>
    public PreFlightReport Report { get; } = report;
}
