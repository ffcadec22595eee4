using System.Collections.Concurrent;
using NitroConformance.Conformance.SelfProof;
using NitroConformance.Conformance.Suite;
using NitroConformance.Fixtures.Defects;
using NUnit.Framework;

namespace NitroConformance.Conformance.SelfProofTests;

/// <summary>Self-proof: every seeded defect of the reference node is caught by at least one case; writes the defect matrix.</summary>
[TestFixture]
[Category("SelfProof")]
[Parallelizable(ParallelScope.Children)]
public sealed class DefectMatrixTests
{
    private static readonly ConcurrentBag<DefectRun> Runs = [];

    /// <summary>One test per defect in the catalogue that sequential cases can show (concurrency defects are the load harness's: tests/Load.Tests).</summary>
    public static IEnumerable<TestCaseData> Defects() =>
        DefectCatalog.All.Where(d => d.CaughtBy == DefectHarness.Conformance).Select(d => new TestCaseData(d.Key).SetName($"defect {d.Key} is caught").SetCategory($"defect-family-{d.Family}"));

    /// <summary>Runs the relevant cases against a node seeded with the defect; at least one must fail.</summary>
    [TestCaseSource(nameof(Defects))]
    public async Task DefectIsCaught(string key)
    {
        var loaded = ScenarioCatalog.Current;
        Assert.That(loaded.Error, Is.Null, "scenarios must load");
        var defect = DefectCatalog.ByKey(key);
        var cases = ScenarioCatalog.Cases.ToList();
        var run = await DefectRun.RunAsync(defect, loaded.Settings!, cases, TestContext.CurrentContext.CancellationToken);
        Runs.Add(run);
        TestContext.Out.WriteLine($"{key}: {run.Catching.Count} of {run.CasesRun} cases failed in {run.Duration.TotalSeconds:0.0} s");
        foreach (var c in run.Catching.Take(20)) TestContext.Out.WriteLine($"  {c.Case.Name}: {c.Message}");
        Assert.That(run.Catching, Is.Not.Empty,
            $"No case catches the seeded defect '{key}' ({defect.Description}; rule: {defect.Rule}, {defect.SpecSection}). Add a scenario that fails against it.");
    }

    /// <summary>Writes the defect → catching cases matrix into the reports directory.</summary>
    [OneTimeTearDown]
    public void WriteMatrix()
    {
        if (Runs.IsEmpty || ScenarioCatalog.Current.Settings is not { } settings) return;
        DefectMatrixReport.Write(settings.ReportsDirectory, Runs.ToList());
    }
}
