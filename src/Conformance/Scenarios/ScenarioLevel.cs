namespace NitroConformance.Conformance.Scenarios;

/// <summary>How much a scenario's failure matters (docs/scenario-format.md §1).</summary>
public enum ScenarioLevel
{
    /// <summary>A rule the Go v0.5.x node enforces.</summary>
    Must,
    /// <summary>An invariant a correct node must keep even where v0.5.x does not.</summary>
    Safety,
    /// <summary>Reported only; never fails the run.</summary>
    Info,
}
