using NitroConformance.Tests;

namespace NitroConformance.Interop.Tests;

/// <summary>Runs tools/allure-render.sh (Allure 3 from tools/allure) on crafted results: HTML, history, and the quality gate that mirrors the suite's verdict.</summary>
[TestFixture]
public sealed class AllureRenderTests
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(3);
    private DirectoryInfo _work = null!;

    [SetUp]
    public async Task SetUp()
    {
        await NodePackages.RequireAsync("tools/allure", "allure/cli.js", "Allure 3 rendering");
        if (ExternalProcess.FindOnPath("bash") is null) MissingTool.Report("bash is not on PATH");
        _work = Directory.CreateTempSubdirectory("nitro-allure-");
    }

    [TearDown]
    public void TearDown()
    {
        if (_work is { Exists: true }) _work.Delete(recursive: true);
    }

    [Test]
    public async Task ACleanRunRendersHtmlPassesTheGateAndAccumulatesHistory()
    {
        var results = new AllureResultsSample(_work, "clean")
            .Add("app-sessions/quorum/insufficient [NitroRPC/0.4]", "passed", ("level", "must"), ("verdict", "Pass"))
            .Add("queries/app-definition/application [NitroRPC/0.4]", "failed", ("level", "info"), ("verdict", "Pass"))
            .Add("envelope/known/listed [NitroRPC/0.2]", "failed", ("level", "must"), ("verdict", "ExpectedFailure"));
        var history = Path.Combine(_work.FullName, "history");

        var first = await RenderAsync(results.Path, "report-1", history);
        var second = await RenderAsync(results.Path, "report-2", history);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
            Assert.That(first.StdOut, Does.Contain("Allure quality gate: passed"));
            Assert.That(File.Exists(Path.Combine(_work.FullName, "report-1", "index.html")), Is.True, "HTML report written");
            Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
            Assert.That(File.ReadAllLines(Path.Combine(history, "history.jsonl")), Has.Length.EqualTo(2), "one history entry per run");
            Assert.That(Directory.EnumerateFiles(Path.Combine(_work.FullName, "report-2", "data", "history")).Count(), Is.GreaterThanOrEqualTo(1),
                "the second report carries the first run's history");
        });
    }

    [Test]
    public async Task ASeededDefectRunFailsTheGate()
    {
        var results = new AllureResultsSample(_work, "defect")
            .Add("app-sessions/quorum/insufficient [NitroRPC/0.4]", "passed", ("level", "must"), ("verdict", "Pass"))
            .Add("app-sessions/conservation/close-omitted [NitroRPC/0.4]", "failed", ("level", "safety"), ("verdict", "Fail"));

        var outcome = await RenderAsync(results.Path, "report", Path.Combine(_work.FullName, "history"));

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.StdOut + outcome.StdErr, Does.Contain("1 case(s) fail the run").And.Contain("Allure quality gate: FAILED"));
        Assert.That(File.Exists(Path.Combine(_work.FullName, "report", "index.html")), Is.True, "the report is rendered even when the gate fails");
    }

    [Test]
    public async Task AStaleKnownFailingEntryFailsTheGateAlthoughTheCasePassed()
    {
        var results = new AllureResultsSample(_work, "stale")
            .Add("envelope/known/listed [NitroRPC/0.2]", "passed", ("level", "must"), ("verdict", "UnexpectedPass"));

        var outcome = await RenderAsync(results.Path, "report", Path.Combine(_work.FullName, "history"));

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.StdOut + outcome.StdErr, Does.Contain("1 case(s) fail the run"));
    }

    [Test]
    public async Task AnEmptyResultsDirectoryIsAnErrorNotAPass()
    {
        var results = new AllureResultsSample(_work, "empty");

        var outcome = await RenderAsync(results.Path, "report", Path.Combine(_work.FullName, "history"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StdErr, Does.Contain("no Allure results (*-result.json) in " + results.Path));
    }

    private Task<ProcessOutcome> RenderAsync(string results, string reportName, string historyDir) =>
        ExternalProcess.RunAsync(
            "bash",
            [RepoPaths.Of("tools", "allure-render.sh"), results, Path.Combine(_work.FullName, reportName)],
            RepoPaths.Root,
            RenderTimeout,
            new Dictionary<string, string> { ["ALLURE_HISTORY_DIR"] = historyDir, ["NO_COLOR"] = "1", ["GITHUB_OUTPUT"] = "" });
}
