using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Reports;

/// <summary>A case result with its strict-mode outcome and known-failing verdict: judged once when the case has run,
/// then read by the NUnit assert and by every report.</summary>
public sealed record JudgedCase(CaseResult Result, Outcome Effective, Verdict Verdict)
{
    /// <summary>Applies strict mode and the known-failing list to <paramref name="r"/>.</summary>
    public static JudgedCase Of(CaseResult r, bool strict, KnownFailures known)
    {
        var effective = r.Effective(strict);
        return new JudgedCase(r, effective, known.Judge(r.Case.Name, r.Case.Scenario.Id, effective, r.Case.Scenario.Level == ScenarioLevel.Info));
    }

    /// <summary>The cases in report order: by scenario id, then protocol.</summary>
    public static IReadOnlyList<JudgedCase> InReportOrder(IEnumerable<JudgedCase> cases) =>
        cases.OrderBy(c => c.Result.Case.Scenario.Id, StringComparer.Ordinal).ThenBy(c => c.Result.Case.Protocol, StringComparer.Ordinal).ToList();

    /// <summary>Text for the verdict column.</summary>
    public string VerdictText => Verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "FAIL",
        Verdict.ExpectedFailure => "expected failure",
        Verdict.UnexpectedPass => "FAIL (listed as known-failing but passed)",
        _ => "not run",
    };
}
