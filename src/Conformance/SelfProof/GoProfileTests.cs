using System.Text.Json.Nodes;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Reports;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Suite;
using NitroConformance.Fixtures;
using NUnit.Framework;

namespace NitroConformance.Conformance.SelfProofTests;

/// <summary>
/// The whole suite against nodes that behave as users' nodes do: the Go ClearNode v0.5.x (<c>go-v0.5</c> profile, with
/// the shipped known-failing list) and a node that randomises every order Go leaves unspecified.
/// </summary>
[TestFixture]
[Category("SelfProof")]
[NonParallelizable]
public sealed class GoProfileTests
{
    // The budget for a full run against a remote node (a Go node holds at most 1000 pending challenges).
    private const int AuthBudget = 200;
    private static readonly string[] CrashProbes = ["auth/verify-variants/short-signature [NitroRPC/0.4]", "envelope/crash-paths [NitroRPC/0.4]"];

    private static string GoList => Path.Combine(ScenarioCatalog.Current.RepositoryRoot, "src", "Conformance", "KnownFailing", "clearnode-go-v0.5.txt");

    [Test]
    public async Task Go_profile_node_fails_exactly_the_shipped_list_with_crashes_isolated_and_the_auth_budget_kept()
    {
        var loaded = ScenarioCatalog.Current;
        Assert.That(loaded.Error, Is.Null, "scenarios must load");
        var ct = TestContext.CurrentContext.CancellationToken;
        var cases = ScenarioCatalog.Cases.ToList();
        var known = KnownFailures.Load(GoList);
        await using var node = await ReferenceNode.StartAsync(TargetFactory.EmbeddedOptions(loaded.Settings!) with { Profile = NodeProfile.GoV05 }, ct);
        // One fixed seed for the first two runs: a re-run with the same seed must not meet the first run's rows.
        var settings = InProcessRun.AgainstRunningNode(loaded.Settings!, node.Url, "clearnode-go-v0.5", GoList) with { Seed = "fixed-seed-go-profile" };
        var reports = Path.Combine(loaded.Settings!.ReportsDirectory, "go-profile");

        // Twice back to back without the destructive probes: both green, so the 1000-challenge cap holds.
        for (var run = 1; run <= 2; run++)
        {
            var report = await InProcessRun.RunAsync(settings with { Destructive = DestructiveMode.Skip, ReportsDirectory = Path.Combine(reports, $"run{run}") }, cases, ct);
            Describe($"run {run} (destructive skipped)", report);
            Assert.That(report.Passed, Is.True, $"run {run}: " + Failures(report));
            Assert.That(Names(report, Verdict.ExpectedFailure), Is.EquivalentTo(known.Names.Except(CrashProbes)), $"run {run}: the FAILED cases are exactly the listed ones");
            Assert.That(Names(report, Verdict.NotRun), Is.EquivalentTo(CrashProbes), $"run {run}: only the destructive probes are left out");
            AssertBudget(report, Path.Combine(reports, $"run{run}"));
        }

        // Then with the probes last: the first kills the node (CRASHED), the second is not run, nothing else is touched.
        var last = await InProcessRun.RunAsync(settings with { Destructive = DestructiveMode.Last, ReportsDirectory = Path.Combine(reports, "run3") }, cases, ct);
        Describe("run 3 (destructive last)", last);
        Assert.That(last.Passed, Is.True, "run 3: " + Failures(last));
        Assert.That(Names(last, Verdict.ExpectedFailure), Is.EquivalentTo(known.Names.Except([CrashProbes[1]])), "run 3: exactly the listed cases fail");
        var crashed = last.Cases.Single(c => c.Result.Case.Name == CrashProbes[0]).Result;
        Assert.That(crashed.Outcome, Is.EqualTo(Outcome.Crashed));
        Assert.That(crashed.Crash!.Frame, Does.Contain("\"auth_verify\""), "the crash names the short-signature auth_verify frame");
        Assert.That(crashed.Crash.Before.Any(f => f.Contains("\"auth_request\"", StringComparison.Ordinal)), Is.True, "and the frames before it (the auth_request)");
        var skipped = last.Cases.Single(c => c.Result.Case.Name == CrashProbes[1]).Result;
        Assert.That((skipped.Outcome, skipped.Message), Is.EqualTo((Outcome.Skipped, $"not run: node down (it stopped answering after {CrashProbes[0]})")));
        Assert.That(node.HasCrashed, Is.True);
        AssertBudget(last, Path.Combine(reports, "run3"));

        // The remaining probe against the restarted node: CRASHED as well, with its own frame.
        await node.RestartAsync(ct);
        var rest = await InProcessRun.RunAsync(settings with { Destructive = DestructiveMode.Last, ReportsDirectory = Path.Combine(reports, "run4") },
            cases.Where(c => c.Name == CrashProbes[1]).ToList(), ct);
        var second = rest.Cases.Single().Result;
        Assert.That((second.Outcome, rest.Cases.Single().Verdict), Is.EqualTo((Outcome.Crashed, Verdict.ExpectedFailure)));
        Assert.That(second.Crash!.Frame, Is.EqualTo("{\"req\":null,\"sig\":5}"));
    }

    [Test]
    public async Task Every_must_case_is_OK_against_a_node_that_randomises_every_unspecified_order()
    {
        var loaded = ScenarioCatalog.Current;
        Assert.That(loaded.Error, Is.Null, "scenarios must load");
        var ct = TestContext.CurrentContext.CancellationToken;
        await using var node = await ReferenceNode.StartAsync(TargetFactory.EmbeddedOptions(loaded.Settings!) with { RandomOrder = true }, ct);
        var settings = InProcessRun.AgainstRunningNode(loaded.Settings!, node.Url, "reference-random-order", null) with
        {
            Strict = true,
            ReportsDirectory = Path.Combine(loaded.Settings!.ReportsDirectory, "random-order"),
        };
        var report = await InProcessRun.RunAsync(settings, ScenarioCatalog.Cases.ToList(), ct);
        Describe($"random order (seed {node.RandomSeed})", report);
        var notOk = report.Cases.Where(c => c.Result.Case.Scenario.Level != Scenarios.ScenarioLevel.Info && c.Result.Outcome != Outcome.Ok)
            .Select(c => $"{c.Result.Case.Name}: {c.Result.Outcome.Label()} {c.Result.Message}").ToList();
        Assert.That(notOk, Is.Empty, $"random order seed {node.RandomSeed}");
    }

    private static IEnumerable<string> Names(ConformanceReport report, Verdict verdict) =>
        report.Cases.Where(c => c.Verdict == verdict).Select(c => c.Result.Case.Name);

    private static string Failures(ConformanceReport report) =>
        string.Join("\n", report.Cases.Where(c => c.Verdict is Verdict.Fail or Verdict.UnexpectedPass)
            .Select(c => $"{c.Result.Case.Name}: {c.Result.Outcome.Label()} {c.Result.Message}"));

    private static void AssertBudget(ConformanceReport report, string directory)
    {
        Assert.That(report.AuthRequests, Is.InRange(1, AuthBudget), "auth_requests per run");
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")))!;
        Assert.That(summary["auth_requests"]!.GetValue<long>(), Is.EqualTo(report.AuthRequests), "summary.json carries the count");
    }

    private static void Describe(string label, ConformanceReport report) =>
        TestContext.Out.WriteLine($"{label}: {report.SummaryLine()}");
}
