using NitroConformance.Conformance.Outcomes;

namespace NitroConformance.Conformance.Running;

/// <summary>Ends a step with an outcome and message (thrown inside the runner, never outside it).</summary>
public sealed class StepFailure(Outcome outcome, string message) : Exception(message)
{
    /// <summary>The outcome the step ends with.</summary>
    public Outcome Outcome { get; } = outcome;
}
