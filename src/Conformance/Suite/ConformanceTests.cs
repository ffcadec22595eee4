using System.Text;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NUnit.Framework;

namespace NitroConformance.Conformance.Suite;

/// <summary>One NUnit test per scenario × protocol, named by the scenario id; categories per level, protocol, area, family and method.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ConformanceTests
{
    /// <summary>The test cases (or a single failing case naming the scenario loading error).</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        var loaded = ScenarioCatalog.Current;
        if (loaded.Error is not null)
        {
            yield return new TestCaseData(null).SetName("scenarios-load").SetCategory("Conformance")
                .SetDescription(loaded.Error);
            yield break;
        }
        foreach (var c in ScenarioCatalog.Cases)
        {
            var data = new TestCaseData(c).SetName(c.Name).SetDescription(c.Scenario.Title);
            foreach (var category in Categories.Of(c)) data.SetCategory(category);
            yield return data;
        }
    }

    /// <summary>Runs one case against the target and turns its outcome into a test result.</summary>
    [TestCaseSource(nameof(Cases))]
    public async Task Case(ScenarioCase? scenarioCase)
    {
        if (scenarioCase is null)
        {
            Assert.Fail($"Scenarios could not be loaded:\n{ScenarioCatalog.Current.Error}");
            return;
        }
        var run = await SuiteRun.GetAsync(TestContext.CurrentContext.CancellationToken);
        var result = await run.Runner.RunAsync(scenarioCase, TestContext.CurrentContext.CancellationToken);
        var judged = run.Record(result);
        TestContext.Out.WriteLine(Describe(result));

        switch (judged.Verdict)
        {
            case Verdict.Fail:
                Assert.Fail($"{result.Outcome.Label()}: {result.Message}");
                break;
            case Verdict.UnexpectedPass:
                Assert.Fail($"{scenarioCase.Name} is in the known-failing list of {run.Target.Name} but passed ({result.Outcome.Label()}): remove it from {run.Settings.KnownFailingFile}.");
                break;
            case Verdict.ExpectedFailure:
                Assert.Ignore($"expected failure (known-failing list): {result.Message}");
                break;
            case Verdict.NotRun:
                Assert.Ignore($"{result.Outcome.Label()}: {result.Message}");
                break;
            default:
                if (judged.Effective != Outcome.Ok) Assert.Pass($"{result.Outcome.Label()} (not counted): {result.Message}");
                break;
        }
    }

    private static string Describe(CaseResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{r.Case.Name}: {r.Outcome.Label()} in {r.Duration.TotalMilliseconds:0} ms against {r.Target} — {r.Message}");
        foreach (var s in r.Steps)
        {
            sb.AppendLine($"  [{s.Outcome.Label()}] {s.Label}: {s.Message}");
            foreach (var e in s.Exchanges)
            {
                if (e.Request is not null) sb.AppendLine($"      → {e.Request}");
                if (e.Response is not null) sb.AppendLine($"      ← {e.Response}");
            }
        }
        return sb.ToString();
    }
}
