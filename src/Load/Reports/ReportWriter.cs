using System.Globalization;
using System.Text;
using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Reports;

/// <summary>Writes a run's report files into reports/load/&lt;run&gt;/.</summary>
public static class ReportWriter
{
    /// <summary>Machine-readable report with raw histograms (input of compare and merge).</summary>
    public const string JsonFile = "report.json";
    /// <summary>Human summary.</summary>
    public const string MarkdownFile = "report.md";
    /// <summary>Self-contained HTML with inline SVG plots.</summary>
    public const string HtmlFile = "report.html";
    /// <summary>One row per metric.</summary>
    public const string SummaryCsvFile = "summary.csv";
    /// <summary>One row per metric per interval.</summary>
    public const string SeriesCsvFile = "series.csv";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes every format into <paramref name="directory"/> (created) and returns the file paths.</summary>
    public static IReadOnlyList<string> Write(RunReport report, string directory)
    {
        var files = new (string Name, string Text)[]
        {
            (JsonFile, ReportJson.Serialize(report)),
            (MarkdownFile, Markdown(report)),
            (SummaryCsvFile, SummaryCsv(report)),
            (SeriesCsvFile, SeriesCsv(report)),
            (HtmlFile, HtmlReport.Render(report)),
            (HistogramLog.FileName, HistogramLog.Serialize(report)),
        };
        return WriteFiles(directory, files);
    }

    /// <summary>Writes each (file name, text) into <paramref name="directory"/> (created) as UTF-8 without BOM; returns the paths.</summary>
    public static IReadOnlyList<string> WriteFiles(string directory, IEnumerable<(string Name, string Text)> files)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>CSV: one row per metric, latencies in microseconds.</summary>
    public static string SummaryCsv(RunReport r)
    {
        var sb = new StringBuilder("metric,count,errors,rate_per_s,mean_us,min_us,p50_us,p75_us,p90_us,p95_us,p99_us,p999_us,max_us\n");
        foreach (var m in r.Metrics)
            sb.Append(Inv, $"{Csv(m.Name)},{m.Count},{m.Errors},{m.Rate},{m.Mean},{m.Min},{m.P50},{m.P75},{m.P90},{m.P95},{m.P99},{m.P999},{m.Max}\n");
        return sb.ToString();
    }

    /// <summary>CSV: one row per metric per interval.</summary>
    public static string SeriesCsv(RunReport r)
    {
        var sb = new StringBuilder("metric,t_s,count,errors,rate_per_s,p50_us,p90_us,p99_us,p999_us,max_us\n");
        foreach (var (name, points) in r.Series.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            foreach (var p in points)
                sb.Append(Inv, $"{Csv(name)},{p.ElapsedSeconds},{p.Count},{p.Errors},{p.Rate},{p.P50},{p.P90},{p.P99},{p.P999},{p.Max}\n");
        return sb.ToString();
    }

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    /// <summary>Markdown summary.</summary>
    public static string Markdown(RunReport r)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"# Load report `{r.RunId}` — {r.Scenario}\n\n");
        sb.Append(Inv, $"- Target: `{r.Target}`; profile: `{r.Profile}`; started {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC\n");
        sb.Append(Inv, $"- Load: {string.Join("; ", r.Load)}; warm-up {r.WarmUpSeconds}s (excluded); measured {r.MeasuredSeconds}s\n");
        sb.Append(Inv, $"- Signing: {r.Signing}\n");
        if (r.Shards.Count > 0) sb.Append(Inv, $"- Shards: {string.Join(", ", r.Shards)}\n");
        sb.Append(Inv, $"- Machine: {string.Join(", ", r.Environment.Select(kv => $"{kv.Key}={kv.Value}"))}\n");
        sb.Append(Inv, $"- Throughput ({r.Headline}): {r.Throughput:0.##}/s; fail rate: {r.FailRate * 100:0.###}%\n\n");
        sb.Append("| metric | count | errors | rate/s | mean | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var m in r.Metrics)
            sb.Append(Inv, $"| {m.Name} | {m.Count} | {m.Errors} | {m.Rate:0.##} | {Durations.Micros(m.Mean)} | {Durations.Micros(m.P50)} | {Durations.Micros(m.P90)} | {Durations.Micros(m.P99)} | {Durations.Micros(m.P999)} | {Durations.Micros(m.Max)} |\n");
        sb.Append("\n## Counters\n\n");
        foreach (var (k, v) in r.Counters) sb.Append(Inv, $"- {k}: {v}\n");
        var errs = r.Metrics.Where(m => m.Errors > 0).ToList();
        if (errs.Count > 0)
        {
            sb.Append("\n## Errors\n\n");
            foreach (var m in errs)
                foreach (var (k, v) in m.ErrorKinds) sb.Append(Inv, $"- {m.Name}: {k} × {v}\n");
        }
        if (r.FanOut.Count > 0)
        {
            sb.Append("\n## Fan-out per recipient position\n\n| position | count | p50 | p99 | max |\n|---:|---:|---:|---:|---:|\n");
            for (var i = 0; i < r.FanOut.Count; i++)
            {
                var h = Metrics.LatencyHistogram.FromSnapshot(r.FanOut[i]);
                sb.Append(Inv, $"| {i} | {h.TotalCount} | {Durations.Micros(h.ValueAtPercentile(50))} | {Durations.Micros(h.ValueAtPercentile(99))} | {Durations.Micros(h.Max)} |\n");
            }
        }
        if (r.Thresholds.Count > 0)
        {
            sb.Append("\n## Thresholds\n\n| threshold | actual | result |\n|---|---:|---|\n");
            foreach (var t in r.Thresholds) sb.Append(Inv, $"| `{t.Expression}` | {t.Actual} | {(t.Passed ? "pass" : "**FAIL**")} |\n");
        }
        if (r.Notes.Count > 0)
        {
            sb.Append("\n## Notes\n\n");
            foreach (var (k, v) in r.Notes) sb.Append(Inv, $"- {k}: {v}\n");
        }
        return sb.ToString();
    }
}
