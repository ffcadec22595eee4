using NitroConformance.Load.Reports;
using Spectre.Console;

namespace NitroConformance.Load.Cli;

/// <summary><c>compare BASELINE CANDIDATE [--out FILE]</c>: per-metric deltas as Markdown.</summary>
public static class CompareCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CliSettings s, IAnsiConsole console)
    {
        if (s.Positional.Count != 3) throw new ArgumentException("compare: give exactly two runs: compare BASELINE CANDIDATE");
        var markdown = RunComparison.Markdown(ReportJson.Load(s.Positional[1]), ReportJson.Load(s.Positional[2]));
        console.WriteLine(markdown);
        if (s.Get("out") is { } file)
        {
            File.WriteAllText(file, markdown);
            console.WriteLine($"written to {Path.GetFullPath(file)}");
        }
        return 0;
    }
}
