using System.Diagnostics;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Capacity;

/// <summary>
/// Drives a <see cref="CapacitySearch"/> with real engine runs: each step is one open-model run of the initialised
/// scenario at the offered rate, with its own warm-up and measured window, judged by the SLO thresholds; every step's
/// full report is written under <c>steps/</c>.
/// </summary>
public static class CapacityRunner
{
    /// <summary>Runs the search and returns its report (not yet written).</summary>
    /// <param name="scenario">An initialised scenario; it is reused by every step.</param>
    /// <param name="bounds">Engine bounds of every step (max in flight, late after, drain, max iterations); its stages and warm-up are replaced.</param>
    /// <param name="thresholds">The SLO (run thresholds) and the gates on the result (<c>capacity</c> thresholds).</param>
    /// <param name="options">The search bounds.</param>
    /// <param name="runId">Name of the search in its report.</param>
    /// <param name="profile">Profile name for the reports.</param>
    /// <param name="directory">Where the step reports go (<c>steps/NN-RATE</c>).</param>
    /// <param name="target">Target description for the reports.</param>
    /// <param name="onStep">Called after each step (console progress); may be null.</param>
    /// <param name="ct">Cancels the search.</param>
    public static async Task<CapacityReport> RunAsync(
        ILoadScenario scenario, EngineOptions bounds, IReadOnlyList<Threshold> thresholds, CapacitySearchOptions options, string runId, string profile, string directory, string target,
        Action<CapacityStep>? onStep, CancellationToken ct)
    {
        var slo = thresholds.Where(t => !t.GatesCapacity).ToList();
        var gates = thresholds.Where(t => t.GatesCapacity).ToList();
        var search = new CapacitySearch(options);
        var steps = new List<CapacityStep>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // A step may also spend the drain after its window.
        while (!ct.IsCancellationRequested && search.Next(clock.Elapsed + bounds.Drain) is { } rate)
        {
            var engineOptions = bounds with { Simulations = [new Inject(rate, TimeSpan.FromSeconds(1), options.StepDuration)], WarmUp = options.StepWarmUp };
            var cpuBefore = ProcessCpu();
            var result = await new LoadEngine(engineOptions).RunAsync(scenario, ct).ConfigureAwait(false);
            var cpu = ProcessCpu() - cpuBefore;
            var stepId = $"{steps.Count + 1:00}-{rate:0.#}per-s";
            var run = ReportBuilder.Build(stepId, scenario, engineOptions, result, profile, target, slo, null);
            ReportWriter.Write(run, Path.Combine(directory, "steps", stepId));
            var step = StepOf(run, rate);
            // CPU this process (harness, and an embedded node) spent per iteration started, warm-up included: unlike the
            // rate, it hardly depends on how much CPU other jobs leave, so it tells a slower node from a busier machine.
            if (result.IterationsStarted > 0) step = step with { CpuMsPerIteration = Math.Round(cpu.TotalMilliseconds / result.IterationsStarted, 3) };
            steps.Add(step);
            search.Record(rate, step.Held);
            onStep?.Invoke(step);
        }
        var report = new CapacityReport
        {
            RunId = runId,
            Scenario = scenario.Name,
            Profile = profile,
            Target = target,
            StartedUtc = started,
            TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Headline = scenario.HeadlineMetric,
            Search = options,
            Slo = slo.Select(t => t.Expression).ToList(),
            Steps = steps,
            Capacity = search.LastGood,
            FirstBad = search.FirstBad,
            StopReason = search.StopReason ?? "cancelled",
            Environment = ReportBuilder.Environment(),
        };
        return report with { Thresholds = gates.Select(g => g.Evaluate(report.Capacity)).ToList() };
    }

    /// <summary>What a step shows: achieved = completed iterations per measured second; held = every SLO threshold passed.</summary>
    public static CapacityStep StepOf(RunReport run, double offered)
    {
        var head = run.Metric(run.Headline);
        var achieved = run.MeasuredSeconds <= 0 ? 0 : run.Counters.GetValueOrDefault(LoadEngine.CompletedIterations) / run.MeasuredSeconds;
        return new CapacityStep(offered, Math.Round(achieved, 1), run.Thresholds.All(t => t.Passed), head?.P50 ?? 0, head?.P99 ?? 0,
            run.FailRate, run.Counters.GetValueOrDefault(LoadEngine.DroppedIterations), run.Thresholds, run.RunId, LoadAverage());
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    // The machine's 1-minute load average after the step (Linux), so a step that broke because others used the CPU can be told apart.
    private static double? LoadAverage()
    {
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : null;
            return text is not null && double.TryParse(text.Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
