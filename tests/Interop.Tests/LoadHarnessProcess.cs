using System.Text.Json.Nodes;

namespace NitroConformance.Interop.Tests;

/// <summary>Runs the load harness (src/Load, built in the test's own configuration) as a separate process and reads its JSON reports.</summary>
public static class LoadHarnessProcess
{
    /// <summary>The harness assembly next to its runtimeconfig, in the configuration this test assembly was built in.</summary>
    public static string Assembly
    {
        get
        {
            // .../tests/Interop.Tests/bin/<Configuration>/net10.0/ -> <Configuration>
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDir.Parent!.Name;
            var path = RepoPaths.Of("src", "Load", "bin", configuration, tfmDir.Name, "NitroConformance.Load.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"The load harness is not built at {path}", path);
            return path;
        }
    }

    /// <summary>Runs <c>dotnet NitroConformance.Load.dll ARGS</c> with a hard timeout.</summary>
    public static Task<ProcessOutcome> RunAsync(IEnumerable<string> args, string workingDirectory, TimeSpan timeout, CancellationToken ct = default) =>
        ExternalProcess.RunAsync("dotnet", [Assembly, .. args], workingDirectory, timeout,
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["DOTNET_NOLOGO"] = "1" }, ct);

    /// <summary>Parses <c>DIR/report.json</c>, checking its format tag.</summary>
    public static JsonObject Report(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "report.json");
        var report = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is JSON null");
        var format = (string?)report["format"];
        if (format != "nitro-load-report/1") throw new InvalidDataException($"{path}: unexpected format '{format}'");
        return report;
    }

    /// <summary>The metric object named <paramref name="name"/>.</summary>
    public static JsonObject Metric(JsonObject report, string name) =>
        report["metrics"]!.AsArray().Select(m => m!.AsObject()).Single(m => (string?)m["name"] == name);

    /// <summary>Metric names in a report.</summary>
    public static IReadOnlyList<string> MetricNames(JsonObject report) =>
        report["metrics"]!.AsArray().Select(m => (string)m!["name"]!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The raw histogram buckets of a metric as (value µs, count) pairs.</summary>
    public static IEnumerable<(long Value, long Count)> Buckets(JsonObject metric) =>
        metric["histogram"]!["buckets"]!.AsArray().Select(b => ((long)b![0]!, (long)b[1]!));
}
