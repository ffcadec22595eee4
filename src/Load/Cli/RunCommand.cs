using System.Globalization;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Progress;
using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;
using Spectre.Console;

namespace NitroConformance.Load.Cli;

/// <summary><c>run</c>: set up the workload, drive it, write reports, evaluate thresholds (exit 99 on failure).</summary>
public static class RunCommand
{
    /// <summary>The built-in profile used when no --profile is given: a short broadcast against the embedded node.</summary>
    public static LoadProfile DefaultProfile { get; } = new()
    {
        Name = "default",
        Scenario = "broadcast",
        Target = "embedded",
        WarmUp = TimeSpan.FromSeconds(2),
        Load = [new Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))],
        Params = new Dictionary<string, string> { ["sessions"] = "10", ["participants"] = "5", ["protocol"] = "0.4" },
        Thresholds = [Threshold.Parse("broadcast.p99 < 500ms"), Threshold.Parse("fail_rate < 1%"), Threshold.Parse("misdelivered == 0")],
    };

    /// <summary>Resolves the profile from settings: --profile (or NITRO_LOAD_PROFILE) file, else the default, then overrides.</summary>
    public static LoadProfile ResolveProfile(CliSettings settings)
    {
        var baseProfile = settings.Get("profile") is { } path ? ProfileLoader.LoadFile(path) : DefaultProfile;
        return ProfileOverrides.Apply(baseProfile, settings);
    }

    /// <summary>Runs a profile and returns the written report and the exit code.</summary>
    public static async Task<(RunReport Report, string Directory, int ExitCode)> RunAsync(LoadProfile profile, IAnsiConsole console, CancellationToken ct)
    {
        var runId = profile.RunId ?? NewRunId(profile);
        var dir = Path.Combine(profile.OutputRoot, runId);
        await using var setup = await RunSetup.StartAsync(profile, console, ct).ConfigureAwait(false);
        var options = profile.ToEngineOptions();
        if (!profile.Quiet) console.MarkupLine($"load: {Markup.Escape(string.Join("; ", options.Simulations.Select(s => s.Describe())))}; warm-up {Markup.Escape(Durations.Format(options.WarmUp))}");
        var engine = new LoadEngine(options, profile.Quiet ? NullProgress.Instance : new LiveProgress(console));
        var result = await engine.RunAsync(setup.Scenario, ct).ConfigureAwait(false);
        if (setup.Scenario is IRunAudit audit) await audit.AuditAsync(result.Metrics, ct).ConfigureAwait(false);
        var report = ReportBuilder.Build(runId, setup.Scenario, options, result, profile.Source == "built-in" ? "default" : profile.Source, setup.TargetText, profile.Thresholds, profile.ShardText,
            new Dictionary<string, string> { ["setup_s"] = setup.SetupTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) });
        var files = ReportWriter.Write(report, dir);
        PrintSummary(console, report, files);
        return (report, dir, ThresholdSet.ExitCode(report.Thresholds));
    }

    /// <summary>A run directory name from the time, the workload, an optional <paramref name="kind"/> and the shard.</summary>
    public static string NewRunId(LoadProfile profile, string? kind = null) =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{profile.Scenario}" + (kind is null ? "" : "-" + kind) +
        (profile.ShardText is { } sh ? $"-shard{sh.Replace("/", "of", StringComparison.Ordinal)}" : "");

    /// <summary>Prints the metric table, the thresholds (failing ones highlighted) and where the reports are.</summary>
    public static void PrintSummary(IAnsiConsole console, RunReport report, IEnumerable<string> files)
    {
        var table = new Table().AddColumns("metric", "count", "errors", "rate/s", "p50", "p90", "p99", "p99.9", "max");
        foreach (var m in report.Metrics)
            table.AddRow(Markup.Escape(m.Name), m.Count.ToString(CultureInfo.InvariantCulture), m.Errors.ToString(CultureInfo.InvariantCulture),
                m.Rate.ToString("0.#", CultureInfo.InvariantCulture), Durations.Micros(m.P50), Durations.Micros(m.P90), Durations.Micros(m.P99),
                Durations.Micros(m.P999), Durations.Micros(m.Max));
        console.Write(table);
        console.MarkupLine($"throughput ({Markup.Escape(report.Headline)}): {report.Throughput:0.#}/s; fail rate {report.FailRate * 100:0.###}%; " +
            string.Join(", ", report.Counters.Select(kv => $"{kv.Key} {kv.Value}")));
        VerdictLines.Write(console, report.Thresholds, files);
    }
}
