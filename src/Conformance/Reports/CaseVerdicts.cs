using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Reports;

/// <summary>A case result with its strict-mode outcome and known-failing verdict, as every report shows it.</summary>
public sealed record JudgedCase(CaseResult Result, Outcome Effective, Verdict Verdict)
{
    /// <summary>Judges every result.</summary>
    public static IReadOnlyList<JudgedCase> Judge(IEnumerable<CaseResult> results, bool strict, KnownFailures known) =>
        results.OrderBy(r => r.Case.Scenario.Id, StringComparer.Ordinal).ThenBy(r => r.Case.Protocol, StringComparer.Ordinal)
            .Select(r =>
            {
                var effective = r.Effective(strict);
                return new JudgedCase(r, effective, known.Judge(r.Case.Name, r.Case.Scenario.Id, effective, r.Case.Scenario.Level == ScenarioLevel.Info));
            }).ToList();

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
