using System.Globalization;
using NitroConformance.Load.Capacity;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Thresholds;
using Spectre.Console;

namespace NitroConformance.Load.Cli;

/// <summary>
/// <c>capacity</c> (or <c>run</c> on a profile with a <c>capacity:</c> block): find the highest offered rate that keeps the
/// profile's thresholds (the SLO); gates such as <c>capacity &gt; 2000/s</c> decide the exit code (99 when one fails).
/// </summary>
public static class CapacityCommand
{
    /// <summary>Runs the search, writes capacity.{json,md,html} (and every step's report under steps/) and returns the exit code.</summary>
    public static async Task<(CapacityReport Report, string Directory, int ExitCode)> RunAsync(LoadProfile profile, IAnsiConsole console, CancellationToken ct)
    {
        var options = profile.Capacity ?? CapacitySearchOptions.Default;
        if (!profile.Thresholds.Any(t => !t.GatesCapacity))
            throw new ArgumentException($"{profile.Source}: a capacity search judges every step by the profile's thresholds; give at least one (e.g. 'broadcast.p99 < 50ms')");
        var runId = profile.RunId ?? RunCommand.NewRunId(profile, "capacity");
        var dir = Path.Combine(profile.OutputRoot, runId);
        await using var setup = await RunSetup.StartAsync(profile, console, ct, "capacity").ConfigureAwait(false);
        if (!profile.Quiet)
            console.MarkupLine(Markup.Escape($"capacity search: from {options.StartRate:0.#}/s × {options.Growth:0.##} up to {options.MaxRate:0.#}/s, " +
                $"{options.StepWarmUp.TotalSeconds:0.#} s + {options.StepDuration.TotalSeconds:0.#} s per step, budget {options.Budget.TotalSeconds:0} s"));
        var report = await CapacityRunner.RunAsync(setup.Scenario, profile.ToEngineOptions(), profile.Thresholds, options, runId,
            profile.Source == "built-in" ? "default" : profile.Source, dir, setup.TargetText,
            step =>
            {
                if (profile.Quiet) return;
                var failed = string.Join(", ", step.Slo.Where(o => !o.Passed).Select(o => $"{o.Expression} (actual {o.Actual})"));
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"  {step.Offered,8:0.#}/s offered, {step.Achieved,8:0.#}/s achieved, p50 {Durations.Micros(step.P50)}, p99 {Durations.Micros(step.P99)}: ") +
                    (step.Held ? "held" : "broke: " + failed)));
            }, ct).ConfigureAwait(false);
        var files = CapacityReportWriter.Write(report, dir);
        console.MarkupLine(Markup.Escape(CapacityReportWriter.Headline(report)));
        VerdictLines.Write(console, report.Thresholds, files);
        return (report, dir, ThresholdSet.ExitCode(report.Thresholds));
    }
}
