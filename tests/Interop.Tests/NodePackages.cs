using System.Collections.Concurrent;
using NitroConformance.Tests;

namespace NitroConformance.Interop.Tests;

/// <summary>
/// Node.js and the npm packages a test runs: when a package directory's node_modules is missing and npm exists,
/// runs `npm ci` there (exactly the lock file, bounded, at most once per directory per test run). A missing tool
/// or a failed install skips the test with the reason, or fails it under CI=true.
/// </summary>
public static class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string?>>> Installs = new();

    /// <summary>The node executable; reports it missing otherwise.</summary>
    public static string RequireNode(string purpose) =>
        ExternalProcess.FindOnPath("node") ?? Missing($"node is not on PATH; {purpose} needs Node.js >= 20.10");

    /// <summary>
    /// Makes sure <paramref name="packageDirectory"/> (relative to the repository root) has its packages installed,
    /// judged by <paramref name="installedMarker"/> (a path inside its node_modules); returns the node executable.
    /// </summary>
    public static async Task<string> RequireAsync(string packageDirectory, string installedMarker, string purpose)
    {
        var node = RequireNode(purpose);
        var directory = RepoPaths.Of(packageDirectory);
        var marker = Path.Combine(directory, "node_modules", installedMarker);
        if (Exists(marker)) return node;
        if (ExternalProcess.FindOnPath("npm") is not { } npm)
            return Missing($"{packageDirectory}/node_modules is not installed and npm is not on PATH to run `npm ci` there");
        var failure = await Installs.GetOrAdd(directory, d => new Lazy<Task<string?>>(() => NpmCiAsync(npm, d, packageDirectory))).Value;
        if (failure is not null) return Missing(failure);
        return Exists(marker) ? node : Missing($"`npm ci` in {packageDirectory} succeeded but node_modules/{installedMarker} is still missing");
    }

    private static async Task<string?> NpmCiAsync(string npm, string directory, string name)
    {
        if (!File.Exists(Path.Combine(directory, "package-lock.json"))) return $"{name}/package-lock.json is missing, so `npm ci` cannot run";
        TestContext.Progress.WriteLine($"[npm] {name}/node_modules is missing: running npm ci (at most {InstallTimeout.TotalMinutes:0} min)");
        try
        {
            var outcome = await ExternalProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], directory, InstallTimeout);
            if (outcome.ExitCode == 0)
            {
                TestContext.Progress.WriteLine($"[npm] {name}: installed from package-lock.json");
                return null;
            }
            return $"`npm ci` in {name} failed (no registry access?): {outcome}";
        }
        catch (TimeoutException e)
        {
            return $"`npm ci` in {name} did not finish: {e.Message}";
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static string Missing(string reason)
    {
        MissingTool.Report(reason);
        return reason; // not reached: Report always throws
    }
}
