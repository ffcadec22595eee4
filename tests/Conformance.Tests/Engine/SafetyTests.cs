using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Suite;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Destructive cases, the CRASHED outcome and its known-failing entries, the wallet pool's eligibility rules.</summary>
[TestFixture]
[Category("Engine")]
public sealed class SafetyTests
{
    private const string Crash = "envelope/crash-paths [NitroRPC/0.4]";
    private const string Safety = "app-sessions/safety/x [NitroRPC/0.2]";

    private static readonly KnownFailures List = KnownFailures.Parse(
        $"{Crash} => CRASHED  # kills the node (rpc_node.go:173)\n{Safety}  # keeps its share\n");

    [Test]
    public void CrashedEntriesAreParsedWithoutTheMarker()
    {
        Assert.That(List.Names, Is.EquivalentTo(new[] { Crash, Safety }));
        Assert.That(List.ExpectsCrash(Crash, "envelope/crash-paths"), Is.True);
        Assert.That(List.ExpectsCrash(Safety, "app-sessions/safety/x"), Is.False);
    }

    [TestCase(Crash, Outcome.Crashed, Verdict.ExpectedFailure)]
    [TestCase(Crash, Outcome.Failed, Verdict.Fail)] // listed as crashing but only failed: the node changed
    [TestCase(Crash, Outcome.Ok, Verdict.UnexpectedPass)]
    [TestCase(Crash, Outcome.Skipped, Verdict.NotRun)] // "not run: node down" or NITRO_RUN__DESTRUCTIVE=skip
    [TestCase(Safety, Outcome.Crashed, Verdict.Fail)] // listed as FAILED but crashed: worse than listed
    [TestCase(Safety, Outcome.Failed, Verdict.ExpectedFailure)]
    [TestCase("other [NitroRPC/0.4]", Outcome.Crashed, Verdict.Fail)]
    public void ACaseMustFailTheWayTheListSays(string name, Outcome outcome, Verdict verdict) =>
        Assert.That(List.Judge(name, name[..name.IndexOf(' ', StringComparison.Ordinal)], outcome, infoLevel: false), Is.EqualTo(verdict));

    [Test]
    public void CrashedIsWorseThanFailed()
    {
        Assert.That(OutcomeNames.Worst(Outcome.Failed, Outcome.Crashed), Is.EqualTo(Outcome.Crashed));
        Assert.That(Outcome.Crashed.Label(), Is.EqualTo("CRASHED"));
    }

    [Test]
    public void TheCrashReportNamesTheLastSentFrameAndTheFramesBeforeIt()
    {
        IReadOnlyList<string> tail = ["→ a", "← b", "→ {\"req\":null,\"sig\":5}"];
        var report = CrashReport.From(tail, "connection refused");
        Assert.That(report.Frame, Is.EqualTo("{\"req\":null,\"sig\":5}"));
        Assert.That(report.Before, Is.EqualTo(new[] { "→ a", "← b" }));
        Assert.That(report.Describe(), Does.Contain("node stopped answering: connection refused"));
    }

    [TestCase("skip", DestructiveMode.Skip)]
    [TestCase("Inline", DestructiveMode.Inline)]
    [TestCase(null, DestructiveMode.Last)]
    public void DestructiveModeComesFromTheEnvironment(string? value, DestructiveMode mode)
    {
        var env = new Dictionary<string, string?> { ["NITRO_RUN__DESTRUCTIVE"] = value };
        Assert.That(RunSettings.From(RunSettings.BuildConfiguration(Path.GetTempPath(), null, env), Path.GetTempPath()).Destructive, Is.EqualTo(mode));
    }

    [Test]
    public void ABadDestructiveModeNamesTheVariable()
    {
        var env = new Dictionary<string, string?> { ["NITRO_RUN__DESTRUCTIVE"] = "first" };
        var ex = Assert.Throws<InvalidOperationException>(() => RunSettings.From(RunSettings.BuildConfiguration(Path.GetTempPath(), null, env), Path.GetTempPath()))!;
        Assert.That(ex.Message, Does.Contain("NITRO_RUN__DESTRUCTIVE").And.Contain("last, skip or inline").And.Contain("'first'"));
    }

    [Test]
    public void DestructiveCasesRunApartUnlessInline()
    {
        var cases = ScenarioCatalog.Cases.ToList();
        var (apart, together) = SuiteExecution.Split(cases, DestructiveMode.Last);
        Assert.That(apart.Select(c => c.Name), Is.EquivalentTo(new[] { "auth/verify-variants/short-signature [NitroRPC/0.4]", Crash }));
        Assert.That(together, Has.Count.EqualTo(cases.Count - 2));
        Assert.That(SuiteExecution.Split(cases, DestructiveMode.Inline).Apart, Is.Empty);
    }

    [TestCase("app-sessions/quorum/pattern-escrow", true)]
    [TestCase("auth/jwt", false)] // tests authentication itself
    [TestCase("queries/app-sessions-and-balances", false)] // lists a wallet's sessions
    [TestCase("app-sessions/create/duplicate-definition", false)] // fixed nonce: two lessees would meet the same id
    [TestCase("app-sessions/session-keys/revoked-key", false)]
    [TestCase("pushes/payload-fields", false)] // checks bu rows: an earlier lessee's "eth 0" row would show
    [TestCase("envelope/signed-raw-escapes", true)]
    [TestCase("envelope/one-response-per-request", true)] // get_ledger_balances answered ok, nothing in it compared
    [TestCase("queries/ledger-listings", false)] // compares listing rows
    public void PooledWalletsOnlyWhereHistoryCannotShow(string id, bool pooled) =>
        Assert.That(PoolEligibility.ScenarioMayPool(ScenarioCatalog.Current.Scenarios.First(s => s.BaseId == id)), Is.EqualTo(pooled));
}
