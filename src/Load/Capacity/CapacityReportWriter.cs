using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Reports;

namespace NitroConformance.Load.Capacity;

/// <summary>Writes capacity.json, capacity.md and capacity.html (offered vs achieved rate and vs p50/p99, the knee marked).</summary>
public static class CapacityReportWriter
{
    /// <summary>Machine-readable result.</summary>
    public const string JsonFile = "capacity.json";
    /// <summary>Human summary.</summary>
    public const string MarkdownFile = "capacity.md";
    /// <summary>Self-contained page with the two plots.</summary>
    public const string HtmlFile = "capacity.html";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the three files into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(CapacityReport report, string directory) =>
        ReportWriter.WriteFiles(directory, [
            (JsonFile, JsonSerializer.Serialize(report, ReportJson.Options)),
            (MarkdownFile, Markdown(report)),
            (HtmlFile, Html(report)),
        ]);

    /// <summary>One line with the result, for the console and the summaries.</summary>
    public static string Headline(CapacityReport r) => r.Knee is { } k
        ? $"capacity {k.Offered:0.#}/s ({r.Headline} p50 {Durations.Micros(k.P50)}, p99 {Durations.Micros(k.P99)}, achieved {k.Achieved:0.#}/s" +
          (k.CpuMsPerIteration is { } c ? string.Create(Inv, $", {c:0.###} ms CPU per iteration") : "") + ")" +
          (r.FirstBad is { } b ? $"; first rate that broke the SLO: {b:0.#}/s" : "") + $"; {r.StopReason}"
        : $"no capacity: no offered rate held the SLO; {r.StopReason}";

    /// <summary>Markdown summary: result, SLO, one row per step.</summary>
    public static string Markdown(CapacityReport r)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"# Capacity search `{r.RunId}` — {r.Scenario}\n\n");
        sb.Append(Inv, $"- Target: `{r.Target}`; profile: `{r.Profile}`; started {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC; took {r.TotalSeconds:0} s\n");
        sb.Append(Inv, $"- SLO per step: {string.Join(", ", r.Slo.Select(s => $"`{s}`"))}\n");
        sb.Append(Inv, $"- Search: from {r.Search.StartRate:0.#}/s × {r.Search.Growth:0.##} up to {r.Search.MaxRate:0.#}/s, bisect to {r.Search.Resolution:0.#%}; " +
            $"{r.Search.StepWarmUp.TotalSeconds:0.#} s warm-up + {r.Search.StepDuration.TotalSeconds:0.#} s measured per step; budget {r.Search.Budget.TotalSeconds:0} s\n");
        sb.Append(Inv, $"- Machine: {string.Join(", ", r.Environment.Select(kv => $"{kv.Key}={kv.Value}"))}\n");
        sb.Append(Inv, $"- **Result: {Headline(r)}**\n\n");
        sb.Append("| step | offered/s | achieved/s | p50 | p99 | fail rate | dropped | load avg | CPU ms/iter | SLO |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (var i = 0; i < r.Steps.Count; i++)
        {
            var s = r.Steps[i];
            var failed = s.Slo.Where(o => !o.Passed).Select(o => $"`{o.Expression}` ({o.Actual})").ToList();
            sb.Append(Inv, $"| {i + 1} | {s.Offered:0.#} | {s.Achieved:0.#} | {Durations.Micros(s.P50)} | {Durations.Micros(s.P99)} | {s.FailRate * 100:0.###}% | {s.Dropped} | {s.LoadAverage?.ToString("0.#", Inv) ?? "–"} | {s.CpuMsPerIteration?.ToString("0.###", Inv) ?? "–"} | " +
                $"{(s.Held ? "held" : "broke: " + string.Join(", ", failed))}{(ReferenceEquals(s, r.Knee) ? " ← knee" : "")} |\n");
        }
        if (r.Thresholds.Count > 0)
        {
            sb.Append("\n## Thresholds\n\n| threshold | actual | result |\n|---|---:|---|\n");
            foreach (var t in r.Thresholds) sb.Append(Inv, $"| `{t.Expression}` | {t.Actual} | {(t.Passed ? "pass" : "**FAIL**")} |\n");
        }
        return sb.ToString();
    }

    /// <summary>Self-contained HTML: result, the two plots (steps sorted by offered rate), the step table.</summary>
    public static string Html(CapacityReport r)
    {
        var steps = r.Steps.OrderBy(s => s.Offered).ToList();
        var maxRate = steps.Count == 0 ? 1 : Math.Max(steps.Max(s => s.Offered), steps.Max(s => s.Achieved));
        var maxMs = steps.Count == 0 ? 1 : steps.Max(s => s.P99) / 1000.0;
        List<SvgLineChart.Line> Knee(double top) => r.Capacity is { } c
            ? [new SvgLineChart.Line($"knee {c:0.#}/s", "#d62728", [(c, 0), (c, top)])]
            : [];
        var rates = new SvgLineChart
        {
            Title = "Offered vs achieved rate", XLabel = "offered iterations/s", YLabel = "iterations/s",
            Lines =
            [
                new("achieved", "#1f77b4", steps.Select(s => (s.Offered, s.Achieved)).ToList()),
                new("offered (ideal)", "#7f7f7f", steps.Select(s => (s.Offered, s.Offered)).ToList()),
                .. Knee(maxRate),
            ],
        };
        var latency = new SvgLineChart
        {
            Title = $"{r.Headline} latency vs offered rate", XLabel = "offered iterations/s", YLabel = "ms",
            Lines =
            [
                new("p50", "#2ca02c", steps.Select(s => (s.Offered, s.P50 / 1000.0)).ToList()),
                new("p99", "#ff7f0e", steps.Select(s => (s.Offered, s.P99 / 1000.0)).ToList()),
                .. Knee(maxMs),
            ],
        };
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append(Inv, $"<title>Capacity {E(r.RunId)} — {E(r.Scenario)}</title>");
        sb.Append(HtmlReport.Style).Append("</head><body>");
        sb.Append(Inv, $"<h1>Capacity search: {E(r.Scenario)}</h1><p><b>{E(Headline(r))}</b></p>");
        sb.Append(Inv, $"<p>SLO per step: {E(string.Join(", ", r.Slo))}. Target <code>{E(r.Target)}</code>, started {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC, took {r.TotalSeconds:0} s.</p>");
        sb.Append("<div class=\"charts\">").Append(rates.Render()).Append(latency.Render()).Append("</div>");
        sb.Append("<table><tr><th>step</th><th>offered/s</th><th>achieved/s</th><th>p50</th><th>p99</th><th>fail rate</th><th>dropped</th><th>SLO</th></tr>");
        for (var i = 0; i < r.Steps.Count; i++)
        {
            var s = r.Steps[i];
            sb.Append(Inv, $"<tr><td class=\"n\">{i + 1}</td><td class=\"n\">{s.Offered:0.#}</td><td class=\"n\">{s.Achieved:0.#}</td><td class=\"n\">{E(Durations.Micros(s.P50))}</td><td class=\"n\">{E(Durations.Micros(s.P99))}</td><td class=\"n\">{s.FailRate * 100:0.###}%</td><td class=\"n\">{s.Dropped}</td><td>{(s.Held ? "held" : "broke")}</td></tr>");
        }
        sb.Append("</table>");
        foreach (var t in r.Thresholds) sb.Append(Inv, $"<p>{(t.Passed ? "✓" : "✗")} {E(t.Expression)} (actual {E(t.Actual)})</p>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
