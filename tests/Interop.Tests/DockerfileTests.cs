using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NitroConformance.Interop.Tests;

/// <summary>
/// Structural checks of deploy/Dockerfile. No Docker engine runs here, so the image itself is not built by the tests;
/// these catch the mistakes that need no engine: missing COPY sources, wrong stages, missing native library.
/// </summary>
[TestFixture]
public sealed partial class DockerfileTests
{
    private static readonly string DockerfilePath = RepoPaths.Of("deploy", "Dockerfile");
    private static string[] Lines => LogicalLines(File.ReadAllText(DockerfilePath));

    /// <summary>The image's .NET version is the one global.json pins (else the build inside Docker fails), and the runtime stage drops root.</summary>
    [Test]
    public void TheImageFollowsGlobalJsonAndTheRuntimeStageDropsRoot()
    {
        var sdk = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("global.json")))!["sdk"]!["version"]!.GetValue<string>();
        var tag = Lines.Select(l => DotnetTag().Match(l)).Single(m => m.Success).Groups[1].Value;
        Assert.That(sdk, Does.StartWith(tag + "."), $"deploy/Dockerfile builds with .NET {tag}, global.json pins SDK {sdk}");

        var runtime = Lines.SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).Skip(1)
            .SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.That(runtime, Is.Not.Empty, "a build stage and a runtime stage");
        var user = runtime.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.That(user, Is.Not.Null.And.Not.EqualTo("USER root").And.Not.EqualTo("USER 0"), "the runtime stage must not run as root");
    }

    [Test]
    public void EveryCopySourceExistsAndIsNotFilteredOut()
    {
        var ignored = File.ReadAllLines(RepoPaths.Of("deploy", "Dockerfile.dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();

        Assert.That(sources, Is.Not.Empty);
        foreach (var source in sources)
        {
            var path = RepoPaths.Of(source.TrimEnd('/'));
            Assert.That(File.Exists(path) || Directory.Exists(path), Is.True, $"COPY source {source} is not in the repository");
            Assert.That(ignored.Any(i => !i.StartsWith("**", StringComparison.Ordinal) && source.TrimEnd('/').StartsWith(i.TrimEnd('/'), StringComparison.Ordinal)),
                Is.False, $"COPY source {source} is excluded by Dockerfile.dockerignore");
        }
    }

    [Test]
    public void PublishesTheProjectsThatExistAndTheEntryPointDispatchesToThem()
    {
        var projects = PublishedProject().Matches(string.Join('\n', Lines)).Select(m => m.Groups[1].Value).ToList();
        Assert.That(projects, Is.EquivalentTo(new[] { "src/Conformance/NitroConformance.Conformance.csproj", "src/Load/NitroConformance.Load.csproj" }));
        Assert.That(projects.Where(p => !File.Exists(RepoPaths.Of(p))), Is.Empty);

        var entry = File.ReadAllText(RepoPaths.Of("deploy", "entrypoint.sh"));
        Assert.That(entry, Does.Contain("$home/conformance/NitroConformance.Conformance.dll").And.Contain("$home/load/NitroConformance.Load.dll"));
        Assert.That(Lines, Has.Some.EqualTo("ENTRYPOINT [\"/opt/nitro/entrypoint.sh\"]"));
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(RepoPaths.Of("deploy", "entrypoint.sh")).HasFlag(UnixFileMode.UserExecute), Is.True, "entrypoint.sh is executable");
    }

    /// <summary>Joins backslash-continued lines and drops comments and blanks.</summary>
    private static string[] LogicalLines(string text) =>
        text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => Regex.Replace(l.Trim(), @"\s+", " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [GeneratedRegex(@"^ARG DOTNET_TAG=(\d+\.\d+)")]
    private static partial Regex DotnetTag();

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();
}
