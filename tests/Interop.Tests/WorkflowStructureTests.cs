using YamlDotNet.RepresentationModel;

namespace NitroConformance.Interop.Tests;

/// <summary>Checks every workflow under .github/workflows with YamlDotNet: structure, pinned actions, declared inputs and secrets.</summary>
[TestFixture]
public sealed class WorkflowStructureTests
{
    private static IEnumerable<TestCaseData> Workflows() =>
        WorkflowFile.All().Select(w => new TestCaseData(w.Path).SetName($"Workflow is well-formed: {w.Path}"));

    [TestCaseSource(nameof(Workflows))]
    public void WorkflowHasNoStructuralProblem(string relativePath)
    {
        var wf = WorkflowFile.Load(RepoPaths.Of(relativePath));
        Assert.That(WorkflowRules.Problems(wf), Is.Empty);
    }

    /// <summary>CI's test step runs <c>dotnet test</c> on the solution, so a test project missing from the .sln would never run in CI.</summary>
    [Test]
    public void CiTestsTheSolutionAndEveryTestProjectIsInIt()
    {
        var wf = WorkflowFile.Load(RepoPaths.Of(".github", "workflows", "ci.yml"));
        var test = Steps(wf, "test").Select(s => s.Run?.Trim() ?? "").Single(r => r.StartsWith("dotnet test", StringComparison.Ordinal));
        var firstArgument = test["dotnet test".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        Assert.That(firstArgument is null || firstArgument.StartsWith('-'), Is.True, $"CI must test the whole solution, not one project: {test}");

        var solution = File.ReadAllText(RepoPaths.Of("NitroConformance.sln"));
        var projects = Directory.GetFiles(RepoPaths.Of("tests"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("node_modules", StringComparison.Ordinal))
            // A project may stay out only by saying why in its file (the mutation-testing case set).
            .Where(p => !File.ReadAllText(p).Contains("<OutsideSolutionBecause>", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('/', '\\')).ToList();
        Assert.That(projects, Is.Not.Empty);
        Assert.That(projects.Where(p => !solution.Contains($"\"{p}\"", StringComparison.Ordinal)), Is.Empty, "test projects missing from NitroConformance.sln");
    }

    [Test]
    public void GateIsReusableAndDeclaresWhatACallerMustPass()
    {
        var wf = WorkflowFile.Load(RepoPaths.Of(".github", "workflows", "clearnode-gate.yml"));
        var triggers = wf.Triggers().Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(triggers, Is.EqualTo(new[] { "workflow_call" }));
            Assert.That(wf.WorkflowCallNames("inputs"), Is.SupersetOf(new[]
            {
                "node-url", "node-image", "node-command", "asset", "protocols", "strictness", "known-failing",
                "load-profile", "load-duration-seconds", "load-thresholds", "suite-settings",
            }));
            Assert.That(wf.WorkflowCallNames("secrets"), Is.EqualTo(new HashSet<string> { "TREASURY_PRIVATE_KEY" }));
            var treasury = WorkflowFile.Child(WorkflowFile.Child(WorkflowFile.Child(wf.Triggers(), "workflow_call"), "secrets"), "TREASURY_PRIVATE_KEY");
            Assert.That((WorkflowFile.Child(treasury, "required") as YamlScalarNode)?.Value, Is.EqualTo("true"));
        });

        var steps = Steps(wf, "gate");
        Assert.Multiple(() =>
        {
            Assert.That(steps.Select(s => s.Run ?? ""), Has.Some.Contains("GITHUB_STEP_SUMMARY"));
            Assert.That(steps.Select(s => s.Run ?? ""), Has.Some.Contains("tools/allure-render.sh"));
            var uploaded = steps.Where(s => s.Uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)
                .Select(s => s.With("name")).ToList();
            Assert.That(uploaded, Is.SupersetOf(new[] { "allure-results", "allure-report", "conformance-junit", "load-report" }));
            // The final step turns the three verdicts into the job's result.
            Assert.That(steps[^1].Name, Is.EqualTo("Verdict"));
            Assert.That(steps[^1].Run, Does.Contain("[ \"$CONFORMANCE\" = pass ] && [ \"$LOAD\" = pass ] && [ \"$ALLURE_GATE\" = pass ]"));
        });
    }

    [Test]
    public void EveryProjectScriptTheGateCallsExists()
    {
        var wf = WorkflowFile.Load(RepoPaths.Of(".github", "workflows", "clearnode-gate.yml"));
        var scripts = System.Text.RegularExpressions.Regex.Matches(wf.Text, @"\$GATE_DIR/(tools/[A-Za-z0-9_./-]+)")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(scripts, Is.SupersetOf(new[] { "tools/gate-start-node.sh", "tools/gate-run.sh", "tools/allure-render.sh", "tools/gate-summary.mjs" }));
        Assert.That(scripts.Where(s => !File.Exists(RepoPaths.Of(s))), Is.Empty, "scripts referenced by the gate but missing");
    }

    [Test]
    public void TheCheckerRejectsAnUnpinnedActionAnUndeclaredInputAndAnUndeclaredSecret()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nitro-bad-workflow-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, """
            name: bad
            on:
              workflow_call:
                inputs:
                  used:
                    description: used
                    type: string
                    default: x
                  unused:
                    description: never referenced
                    type: number
                    default: nope
            jobs:
              j:
                runs-on: ubuntu-24.04
                steps:
                  - name: unpinned
                    uses: actions/checkout@main
                  - name: both
                    uses: actions/setup-node@v4
                    run: echo ${{ inputs.used }} ${{ inputs.missing }} ${{ secrets.TOKEN }}
                  - run: echo ${{ steps.nothere.outputs.x }}
            """);
        try
        {
            var problems = WorkflowRules.Problems(WorkflowFile.Load(path));
            Assert.That(problems, Has.Some.Contains("'actions/checkout@main' is not pinned"));
            Assert.That(problems, Has.Some.Contains("inputs.missing is used but not declared"));
            Assert.That(problems, Has.Some.Contains("secrets.TOKEN is used but not declared"));
            Assert.That(problems, Has.Some.Contains("input 'unused' is declared but never used"));
            Assert.That(problems, Has.Some.Contains("number input 'unused' has a non-number default"));
            Assert.That(problems, Has.Some.Contains("exactly one of 'uses:' and 'run:'"));
            Assert.That(problems, Has.Some.Contains("step without 'name:'"));
            Assert.That(problems, Has.Some.Contains("has no 'timeout-minutes:'"));
            Assert.That(problems, Has.Some.Contains("refers to steps.nothere"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void MalformedYamlIsReportedWithFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nitro-broken-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "name: x\non:\n  push: {}\n jobs: {}\n");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => WorkflowFile.Load(path));
            Assert.That(e!.Message, Does.Contain(Path.GetFileName(path) + ":4:"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<StepView> Steps(WorkflowFile wf, string job) =>
        ((YamlSequenceNode)WorkflowFile.Child(WorkflowFile.Child(wf.Jobs(), job), "steps")!).Children
            .Select(s => new StepView((YamlMappingNode)s)).ToList();

    /// <summary>Read-only view of one workflow step.</summary>
    private sealed record StepView(YamlMappingNode Node)
    {
        public string? Name => Scalar("name");
        public string? Uses => Scalar("uses");
        public string? Run => Scalar("run");
        public string? If => Scalar("if");
        public string? With(string key) => (WorkflowFile.Child(WorkflowFile.Child(Node, "with"), key) as YamlScalarNode)?.Value;
        private string? Scalar(string key) => (WorkflowFile.Child(Node, key) as YamlScalarNode)?.Value;
    }
}
