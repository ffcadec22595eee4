namespace NitroConformance.Interop.Tests;

/// <summary>Runs tools/gate-summary.mjs on crafted suite results and a load report and checks the Markdown it writes for the job summary.</summary>
[TestFixture]
public sealed class GateSummaryTests
{
    private DirectoryInfo _reports = null!;
    private string _node = null!;

    [SetUp]
    public void SetUp()
    {
        _node = NodePackages.RequireNode("tools/gate-summary.mjs");
        _reports = Directory.CreateTempSubdirectory("nitro-gate-summary-");
    }

    [TearDown]
    public void TearDown()
    {
        if (_reports is { Exists: true }) _reports.Delete(recursive: true);
    }

    [Test]
    public async Task SummaryCountsOutcomeClassesAndVerdictsAndNamesFailingCases()
    {
        new AllureResultsSample(_reports.CreateSubdirectory("conformance"), "allure-results")
            .Add("a/ok [NitroRPC/0.4]", "passed", ("outcome", "OK"), ("level", "must"), ("verdict", "Pass"))
            .Add("a/lenient [NitroRPC/0.4]", "passed", ("outcome", "NON-STRICT"), ("level", "must"), ("verdict", "Pass"))
            .Add("a/broken [NitroRPC/0.2]", "failed", ("outcome", "FAILED"), ("level", "safety"), ("verdict", "Fail"))
            .Add("a/info [NitroRPC/0.2]", "failed", ("outcome", "FAILED"), ("level", "info"), ("verdict", "Pass"))
            .Add("a/stale [NitroRPC/0.2]", "passed", ("outcome", "OK"), ("level", "must"), ("verdict", "UnexpectedPass"))
            .Add("a/nofeature [NitroRPC/0.2]", "skipped", ("outcome", "UNIMPLEMENTED"), ("level", "must"), ("verdict", "NotRun"));

        var md = await SummaryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("6 case result(s) (from allure-results)."));
            Assert.That(md, Does.Contain("| OK | 2 | 2 | 0 | 0 |"));
            Assert.That(md, Does.Contain("| NON-STRICT | 1 | 1 | 0 | 0 |"));
            Assert.That(md, Does.Contain("| FAILED | 2 | 0 | 1 | 1 |"));
            Assert.That(md, Does.Contain("| UNIMPLEMENTED | 1 | 1 | 0 | 0 |"));
            Assert.That(md, Does.Contain("| Fail | 1 |"));
            Assert.That(md, Does.Contain("| UnexpectedPass | 1 |"));
            Assert.That(md, Does.Contain("**Conformance verdict: FAIL** — 2 case(s):"));
            Assert.That(md, Does.Contain("`a/broken [NitroRPC/0.2]` — a/broken [NitroRPC/0.2]: failed"));
            Assert.That(md, Does.Contain("`a/stale [NitroRPC/0.2]` — listed as known-failing but passed (stale entry)"));
            Assert.That(md, Does.Contain("No load report (the harness did not run)."));
        });
    }

    [Test]
    public async Task TheSuitesSummaryJsonIsPreferredAndItsVerdictTextsAreUnderstood()
    {
        var conformance = _reports.CreateSubdirectory("conformance");
        File.WriteAllText(Path.Combine(conformance.FullName, "summary.json"), """
            {"target":"reference","url":"ws://127.0.0.1:1/ws","strict":true,"passed":false,
             "counts":{"OK":2,"NON-STRICT":0,"UNIMPLEMENTED":0,"SKIPPED":0,"FAILED":2},
             "cases":[
               {"name":"q/ok [NitroRPC/0.4]","level":"must","outcome":"OK","verdict":"pass","message":""},
               {"name":"q/stale [NitroRPC/0.4]","level":"must","outcome":"OK","verdict":"FAIL (listed as known-failing but passed)","message":""},
               {"name":"q/known [NitroRPC/0.2]","level":"safety","outcome":"FAILED","verdict":"expected failure","message":"value created"},
               {"name":"q/bad [NitroRPC/0.2]","level":"must","outcome":"FAILED","verdict":"FAIL","message":"expected error X, got success"}]}
            """);
        // Allure results that disagree must be ignored when summary.json exists.
        new AllureResultsSample(conformance, "allure-results").Add("other", "passed");

        var md = await SummaryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("4 case result(s) (from summary.json)."));
            Assert.That(md, Does.Contain("| OK | 2 | 2 | 0 | 0 |"));
            Assert.That(md, Does.Contain("| FAILED | 2 | 1 | 1 | 0 |"));
            Assert.That(md, Does.Contain("| ExpectedFailure | 1 |"));
            Assert.That(md, Does.Contain("**Conformance verdict: FAIL** — 2 case(s):"));
            Assert.That(md, Does.Contain("`q/bad [NitroRPC/0.2]` — expected error X, got success"));
            Assert.That(md, Does.Contain("`q/stale [NitroRPC/0.4]` — listed as known-failing but passed (stale entry)"));
        });
    }

    [Test]
    public async Task SummaryShowsTopLatenciesThroughputAndThresholdVerdicts()
    {
        var run = _reports.CreateSubdirectory("load").CreateSubdirectory("20260101-000000-broadcast");
        File.WriteAllText(Path.Combine(run.FullName, "report.json"), """
            {"format":"nitro-load-report/1","run_id":"20260101-000000-broadcast","scenario":"broadcast","profile":"smoke",
             "target":"ws://127.0.0.1:8000/ws","started_utc":"2026-01-01T00:00:00Z","measured_s":10,"signing":"pre-signed",
             "load":["inject 20/s"],"shards":["0/2","1/2"],"environment":{},"headline":"broadcast","counters":{},
             "metrics":[
               {"name":"broadcast","count":2000,"errors":4,"error_kinds":{},"rate_per_s":200,"mean_us":900,"min_us":300,
                "p50_us":800,"p75_us":1000,"p90_us":1500,"p95_us":2000,"p99_us":4200,"p999_us":9000,"max_us":12500,"histogram":{}},
               {"name":"submit","count":1000,"errors":0,"error_kinds":{},"rate_per_s":100,"mean_us":500,"min_us":200,
                "p50_us":450,"p75_us":500,"p90_us":700,"p95_us":800,"p99_us":1200,"p999_us":2000,"max_us":2500,"histogram":{}}],
             "series":{},"thresholds":[
               {"expression":"broadcast.p99 < 250ms","actual":"4.2ms","passed":true},
               {"expression":"fail_rate < 0.1%","actual":"0.13%","passed":false}],
             "notes":{}}
            """);

        var md = await SummaryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("throughput **200.0/s** (broadcast)"));
            Assert.That(md, Does.Contain("2 shards merged"));
            Assert.That(md, Does.Contain("| broadcast | 2000 | 4 | 0.80 | 1.50 | 4.20 | 9.00 | 12.5 |"));
            Assert.That(md.IndexOf("| broadcast |", StringComparison.Ordinal), Is.LessThan(md.IndexOf("| submit |", StringComparison.Ordinal)), "sorted by p99, worst first");
            Assert.That(md, Does.Contain("| `broadcast.p99 < 250ms` | 4.2ms | pass |"));
            Assert.That(md, Does.Contain("| `fail_rate < 0.1%` | 0.13% | **FAIL** |"));
            Assert.That(md, Does.Contain("**Load verdict: FAIL** — 1 threshold(s) failed."));
        });
    }

    [Test]
    public async Task AnUnreadableReportIsAnErrorNamingTheFile()
    {
        var run = _reports.CreateSubdirectory("load").CreateSubdirectory("r1");
        File.WriteAllText(Path.Combine(run.FullName, "report.json"), "{not json");

        var outcome = await ExternalProcess.RunAsync(_node, [RepoPaths.Of("tools", "gate-summary.mjs"), "--reports", _reports.FullName],
            RepoPaths.Root, TimeSpan.FromSeconds(60));

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StdErr, Does.Contain(Path.Combine(run.FullName, "report.json")));
    }

    private async Task<string> SummaryAsync()
    {
        var outcome = await ExternalProcess.RunAsync(_node, [RepoPaths.Of("tools", "gate-summary.mjs"), "--reports", _reports.FullName],
            RepoPaths.Root, TimeSpan.FromSeconds(60));
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.ToString());
        return outcome.StdOut;
    }
}
