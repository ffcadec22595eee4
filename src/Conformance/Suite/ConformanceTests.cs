using System.Text;
using NitroConformance.Conformance.Configuration;
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
    private static int _preFlightReported;

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
        // Destructive cases come last: NUnit's workers take parallel cases in this order, so they start after every other.
        var settings = loaded.Settings!;
        var (apart, together) = SuiteExecution.Split(ScenarioCatalog.Cases, settings.Destructive);
        foreach (var c in together.Concat(apart))
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
        var ct = TestContext.CurrentContext.CancellationToken;
        SuiteRun run;
        try
        {
            run = await SuiteRun.GetAsync(ct);
        }
        catch (PreFlightFailedException ex)
        {
            // One failure carries the whole pre-flight table; the other cases are not run rather than failed.
            if (Interlocked.Exchange(ref _preFlightReported, 1) == 0 || ScenarioCatalog.Current.Settings?.NotRunFails == true) Assert.Fail(ex.Message);
            Assert.Ignore("not run: the pre-flight check of the target failed (one case reports why)");
            return;
        }
        var result = await RunAsync(run, scenarioCase, ct);
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
                if (run.Settings.NotRunFails) Assert.Fail($"{result.Outcome.Label()} (Run:NotRunFails): {result.Message}");
                Assert.Ignore($"{result.Outcome.Label()}: {result.Message}");
                break;
            default:
                if (judged.Effective != Outcome.Ok) Assert.Pass($"{result.Outcome.Label()} (not counted): {result.Message}");
                break;
        }
    }

    private static async Task<CaseResult> RunAsync(SuiteRun run, ScenarioCase scenarioCase, CancellationToken ct)
    {
        if (!scenarioCase.Scenario.Destructive) return await run.RunOtherAsync(scenarioCase, ct);
        switch (run.Settings.Destructive)
        {
            case DestructiveMode.Skip:
                return SuiteExecution.SkippedByMode(scenarioCase, run.Target.Name);
            case DestructiveMode.Last:
                await run.WaitForOthersAsync(ct);
                break;
        }
        return await run.Probes.RunAsync(run.Runner, scenarioCase, ct);
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
        if (r.Crash is { } crash) sb.AppendLine(crash.Describe());
        return sb.ToString();
    }
}
