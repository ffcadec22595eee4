using NitroConformance.Load.Engine;
using Spectre.Console;

namespace NitroConformance.Load.Progress;

/// <summary>Terminal progress: one status line per interval (elapsed/remaining, rate, errors, p99, dropped).</summary>
public sealed class LiveProgress(IAnsiConsole console) : IProgressSink
{
    /// <inheritdoc/>
    public void Report(ProgressState s)
    {
        var phase = s.WarmingUp ? "[grey]warm-up[/]" : "[green]measure[/]";
        var errors = s.Errors > 0 ? $"[red]{s.Errors}[/]" : "0";
        console.MarkupLine(
            $"{phase} {Markup.Escape(s.Scenario)} [bold]{s.Elapsed.TotalSeconds,5:0}s[/] / remaining {s.Remaining.TotalSeconds,4:0}s  " +
            $"rate [bold]{s.CurrentRate,8:0.#}/s[/]  samples {s.Samples,8}  errors {errors}  p99 [bold]{Markup.Escape(Durations.Micros(s.P99Micros))}[/]  " +
            $"dropped {s.Dropped}  in-flight {s.InFlight}");
    }
}
