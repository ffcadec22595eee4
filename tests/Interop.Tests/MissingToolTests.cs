using NitroConformance.Tests;

namespace NitroConformance.Interop.Tests;

/// <summary>A missing tool skips the test on a developer machine and fails it under CI=true, with the same reason.</summary>
[TestFixture]
[NonParallelizable] // changes the process's CI variable for the duration of each test
public sealed class MissingToolTests
{
    private string? _saved;

    [SetUp]
    public void SaveCi() => _saved = Environment.GetEnvironmentVariable("CI");

    [TearDown]
    public void RestoreCi() => Environment.SetEnvironmentVariable("CI", _saved);

    [TestCase("true")]
    [TestCase("TRUE")]
    [TestCase("1")]
    public void UnderCiTheTestFailsWithTheReason(string ci)
    {
        Environment.SetEnvironmentVariable("CI", ci);
        var failure = Assert.Throws<AssertionException>(() => MissingTool.Report("no frobnicator on PATH"));
        Assert.That(failure!.Message, Does.Contain("CI=true, so a missing tool fails the test: no frobnicator on PATH"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("false")]
    public void OtherwiseTheTestIsSkippedWithTheReason(string? ci)
    {
        Environment.SetEnvironmentVariable("CI", ci);
        var skip = Assert.Throws<IgnoreException>(() => MissingTool.Report("no frobnicator on PATH"));
        Assert.That(skip!.Message, Is.EqualTo("no frobnicator on PATH"));
    }
}
