using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>One request/response exchange (or push) seen during a step, with the raw frames.</summary>
public sealed record Exchange(string Label, string? Request, string? Response, DateTimeOffset Time);

/// <summary>What happened in one step.</summary>
public sealed record StepResult(int Index, string Label, string? Method, Outcome Outcome, string Message,
    IReadOnlyList<Exchange> Exchanges, DateTimeOffset Start, DateTimeOffset Stop);

/// <summary>The result of one case (scenario × protocol) against one target.</summary>
public sealed record CaseResult(ScenarioCase Case, Outcome Outcome, string Message, IReadOnlyList<StepResult> Steps,
    DateTimeOffset Start, DateTimeOffset Stop, string Target)
{
    /// <summary>Outcome after strict mode is applied.</summary>
    public Outcome Effective(bool strict) => RejectionClassifier.Effective(Outcome, strict);

    /// <summary>Wall time of the case from set-up to its verdict (tear-down not included).</summary>
    public TimeSpan Duration => Stop - Start;

    /// <summary>The case's last frames (kept for destructive cases, so a crash can name the frame that did it).</summary>
    public IReadOnlyList<string> FrameTail { get; init; } = [];

    /// <summary>Set when the node stopped answering after this case.</summary>
    public CrashReport? Crash { get; init; }
}
