using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Reports;

/// <summary>Turns an engine result into a <see cref="RunReport"/> and evaluates thresholds.</summary>
public static class ReportBuilder
{
    /// <summary>Facts about the machine for the report.</summary>
    public static IReadOnlyDictionary<string, string> Environment() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["machine"] = System.Environment.MachineName,
        ["cores"] = System.Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["dotnet"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["server_gc"] = System.Runtime.GCSettings.IsServerGC ? "true" : "false",
    };

    /// <summary>Builds the report of one run.</summary>
    public static RunReport Build(
        string runId, ILoadScenario scenario, EngineOptions options, EngineResult result,
        string profile, string target, IEnumerable<Threshold> thresholds, string? shard, IReadOnlyDictionary<string, string>? notes = null)
    {
        var extras = scenario.Extras();
        var metrics = result.Metrics.All
            .Select(m => m.Snapshot())
            .Select(s => MetricReport.From(s.Name, s.Histogram, s.Errors, result.MeasuredSeconds))
            .ToList();
        var series = result.Metrics.All.ToDictionary(m => m.Name, m => result.Metrics.Series(m.Name), StringComparer.Ordinal);
        var counters = new SortedDictionary<string, long>(result.Metrics.Counters.ToDictionary(), StringComparer.Ordinal);
        var allNotes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in extras.Notes) allNotes[k] = v;
        if (notes is not null) foreach (var (k, v) in notes) allNotes[k] = v;
        if (result.HitTimeBound) allNotes["time_bound"] = "the run hit its time bound; in-flight iterations were cancelled";
        var report = new RunReport
        {
            RunId = runId,
            Scenario = scenario.Name,
            Profile = profile,
            Target = target,
            StartedUtc = result.StartedUtc,
            MeasuredSeconds = Math.Round(result.MeasuredSeconds, 3),
            WarmUpSeconds = options.WarmUp.TotalSeconds,
            Signing = scenario.SigningMode,
            Load = options.Simulations.Select(s => s.Describe()).ToList(),
            Shards = shard is null ? [] : [shard],
            Environment = Environment(),
            Headline = scenario.HeadlineMetric,
            Counters = counters,
            Metrics = metrics,
            Series = series,
            FanOut = extras.FanOutByPosition ?? [],
            Notes = allNotes,
        };
        return report with { Thresholds = ReportThresholds.Evaluate(thresholds, report) };
    }
}
