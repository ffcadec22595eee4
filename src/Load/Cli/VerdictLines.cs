using NitroConformance.Load.Thresholds;
using Spectre.Console;

namespace NitroConformance.Load.Cli;

/// <summary>The closing console lines every command prints: one tick or cross per threshold, then the report files written.</summary>
public static class VerdictLines
{
    /// <summary>Writes each threshold's outcome with its actual value, then the full path of every report file.</summary>
    public static void Write(IAnsiConsole console, IEnumerable<ThresholdOutcome> thresholds, IEnumerable<string> files)
    {
        foreach (var t in thresholds)
            console.MarkupLine(t.Passed
                ? $"[green]✓[/] {Markup.Escape(t.Expression)} (actual {Markup.Escape(t.Actual)})"
                : $"[red]✗ threshold failed: {Markup.Escape(t.Expression)} (actual {Markup.Escape(t.Actual)})[/]");
        console.MarkupLine("reports written:");
        foreach (var f in files) console.MarkupLine("  " + Markup.Escape(Path.GetFullPath(f)));
    }
}
