using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;
using Spectre.Console;

namespace NitroConformance.Load.Cli;

/// <summary><c>merge RUN... [--run-id ID] [--out DIR] [--threshold EXPR]</c>: one report from several runs (shards); exit 99 on failed thresholds.</summary>
public static class MergeCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CliSettings s, IAnsiConsole console)
    {
        var inputs = s.Positional.Skip(1).ToList();
        if (inputs.Count < 1) throw new ArgumentException("merge: give one or more run directories (or report.json files)");
        var runs = inputs.Select(ReportJson.Load).ToList();
        // Same thresholds as the runs carried, unless given explicitly.
        var thresholds = s.Lists.TryGetValue("threshold", out var given)
            ? given.Select(e => Threshold.Parse(e, "--threshold")).ToList()
            : runs[0].Thresholds.Select(t => Threshold.Parse(t.Expression, $"{inputs[0]}: thresholds")).ToList();
        var runId = s.Get("run-id") ?? $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{runs[0].Scenario}-merged";
        var merged = RunMerger.Merge(runs, runId, thresholds);
        var dir = Path.Combine(s.Get("out") ?? Path.Combine("reports", "load"), runId);
        var files = ReportWriter.Write(merged, dir);
        RunCommand.PrintSummary(console, merged, files);
        return ThresholdSet.ExitCode(merged.Thresholds);
    }
}
