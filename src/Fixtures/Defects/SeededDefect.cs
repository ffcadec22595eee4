namespace NitroConformance.Fixtures.Defects;

/// <summary>One catalogue entry: a defect the reference node can be started with, and the rule it breaks.</summary>
/// <param name="Key">Kebab-case name used on the command line (<c>--defect KEY</c>) and in reports.</param>
/// <param name="Family">Rule family (quorum, versions, conservation, lifecycle, pushes, envelope-auth, concurrency).</param>
/// <param name="CaughtBy">The harness whose tests must catch it: sequential conformance cases, or a concurrent load workload.</param>
public sealed record SeededDefect(DefectId Id, string Key, string Family, string Rule, string SpecSection, string Description,
    DefectHarness CaughtBy = DefectHarness.Conformance);
