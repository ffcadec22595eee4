using System.Globalization;
using System.Net;
using System.Text;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Reports;

/// <summary>Self-contained HTML report: inline CSS and SVG only, nothing fetched at view time.</summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>The inline stylesheet every load report page uses.</summary>
    public const string Style = "<style>body{font-family:sans-serif;margin:20px;color:#222}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}th{background:#f3f3f3}td.n{text-align:right}.fail{color:#b00;font-weight:bold}.pass{color:#070}.charts svg{margin:6px;border:1px solid #ddd}</style>";

    /// <summary>Renders the report page.</summary>
    public static string Render(RunReport r)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append(Inv, $"<title>Load report {E(r.RunId)} — {E(r.Scenario)}</title>");
        sb.Append(Style).Append("</head><body>");
        sb.Append(Inv, $"<h1>Load report: {E(r.Scenario)}</h1>");
        sb.Append(Inv, $"<p>Run <code>{E(r.RunId)}</code> against <code>{E(r.Target)}</code>, started {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC. Load: {E(string.Join("; ", r.Load))}. Warm-up {r.WarmUpSeconds}s excluded, measured {r.MeasuredSeconds}s.</p>");
        sb.Append(Inv, $"<p>Signing: {E(r.Signing)}</p>");
        sb.Append(Inv, $"<p>Throughput ({E(r.Headline)}): <b>{r.Throughput:0.##}/s</b>; fail rate: <b>{r.FailRate * 100:0.###}%</b>. Machine: {E(string.Join(", ", r.Environment.Select(kv => $"{kv.Key}={kv.Value}")))}{(r.Shards.Count > 0 ? ". Shards: " + E(string.Join(", ", r.Shards)) : "")}.</p>");

        if (r.Thresholds.Count > 0)
        {
            sb.Append("<h2>Thresholds</h2><table><tr><th>threshold</th><th>actual</th><th>result</th></tr>");
            foreach (var t in r.Thresholds)
                sb.Append(Inv, $"<tr><td><code>{E(t.Expression)}</code></td><td class=\"n\">{E(t.Actual)}</td><td class=\"{(t.Passed ? "pass" : "fail")}\">{(t.Passed ? "pass" : "FAIL")}</td></tr>");
            sb.Append("</table>");
        }

        sb.Append("<h2>Metrics</h2><table><tr><th>metric</th><th>count</th><th>errors</th><th>rate/s</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
        foreach (var m in r.Metrics)
            sb.Append(Inv, $"<tr><td>{E(m.Name)}</td><td class=\"n\">{m.Count}</td><td class=\"n\">{m.Errors}</td><td class=\"n\">{m.Rate:0.##}</td><td class=\"n\">{Durations.Micros(m.Mean)}</td><td class=\"n\">{Durations.Micros(m.P50)}</td><td class=\"n\">{Durations.Micros(m.P90)}</td><td class=\"n\">{Durations.Micros(m.P99)}</td><td class=\"n\">{Durations.Micros(m.P999)}</td><td class=\"n\">{Durations.Micros(m.Max)}</td></tr>");
        sb.Append("</table><h2>Counters</h2><table>");
        foreach (var (k, v) in r.Counters) sb.Append(Inv, $"<tr><td>{E(k)}</td><td class=\"n\">{v}</td></tr>");
        sb.Append("</table>");

        sb.Append("<h2>Plots</h2><div class=\"charts\">");
        sb.Append(PercentilesOverTime(r));
        sb.Append(ThroughputOverTime(r));
        sb.Append(PercentileCurve(r));
        if (r.FanOut.Count > 0) sb.Append(FanOut(r));
        sb.Append("</div>");

        var errs = r.Metrics.Where(m => m.Errors > 0).ToList();
        if (errs.Count > 0)
        {
            sb.Append("<h2>Errors</h2><table><tr><th>metric</th><th>kind</th><th>count</th></tr>");
            foreach (var m in errs)
                foreach (var (k, v) in m.ErrorKinds) sb.Append(Inv, $"<tr><td>{E(m.Name)}</td><td>{E(k)}</td><td class=\"n\">{v}</td></tr>");
            sb.Append("</table>");
        }
        if (r.Notes.Count > 0)
        {
            sb.Append("<h2>Notes</h2><ul>");
            foreach (var (k, v) in r.Notes) sb.Append(Inv, $"<li><b>{E(k)}</b>: {E(v)}</li>");
            sb.Append("</ul>");
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static double Ms(long us) => us / 1000.0;

    private static string PercentilesOverTime(RunReport r)
    {
        var pts = r.Series.GetValueOrDefault(r.Headline) ?? [];
        var lines = new List<SvgLineChart.Line>
        {
            new("p50", Palette[0], pts.Where(p => p.Count > 0).Select(p => (p.ElapsedSeconds, Ms(p.P50))).ToList()),
            new("p90", Palette[1], pts.Where(p => p.Count > 0).Select(p => (p.ElapsedSeconds, Ms(p.P90))).ToList()),
            new("p99", Palette[2], pts.Where(p => p.Count > 0).Select(p => (p.ElapsedSeconds, Ms(p.P99))).ToList()),
            new("p99.9", Palette[3], pts.Where(p => p.Count > 0).Select(p => (p.ElapsedSeconds, Ms(p.P999))).ToList()),
            new("max", Palette[4], pts.Where(p => p.Count > 0).Select(p => (p.ElapsedSeconds, Ms(p.Max))).ToList()),
        };
        return new SvgLineChart { Title = $"{r.Headline}: latency percentiles over time", XLabel = "elapsed (s)", YLabel = "latency (ms)", Lines = lines }.Render();
    }

    private static string ThroughputOverTime(RunReport r)
    {
        var lines = new List<SvgLineChart.Line>();
        var i = 0;
        foreach (var (name, pts) in r.Series.OrderBy(kv => kv.Key == r.Headline ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(6))
            lines.Add(new($"{name} /s", Palette[i++ % Palette.Length], pts.Select(p => (p.ElapsedSeconds, p.Rate)).ToList()));
        if (r.Series.Values.SelectMany(s => s).Any(p => p.Errors > 0))
            lines.Add(new("errors /s (all)", "#b00000", AllErrors(r)));
        return new SvgLineChart { Title = "Throughput over time", XLabel = "elapsed (s)", YLabel = "per second", Lines = lines }.Render();
    }

    private static List<(double, double)> AllErrors(RunReport r) =>
        r.Series.Values.SelectMany(s => s).GroupBy(p => p.ElapsedSeconds).OrderBy(g => g.Key)
            .Select(g => (g.Key, (double)g.Sum(p => p.Errors))).ToList();

    // Percentile curve on the classic HDR axis: x = log10(1/(1-p)), so 90%, 99%, 99.9% are evenly spaced.
    private static string PercentileCurve(RunReport r)
    {
        var lines = new List<SvgLineChart.Line>();
        var i = 0;
        foreach (var m in r.Metrics.Where(m => m.Count > 0).OrderBy(m => m.Name == r.Headline ? 0 : 1).Take(6))
        {
            var h = LatencyHistogram.FromSnapshot(m.Histogram);
            var pts = new List<(double, double)>();
            for (var x = 0.0; x <= 4.0001; x += 0.05)
            {
                var p = 100 * (1 - Math.Pow(10, -x));
                pts.Add((x, Ms(h.ValueAtPercentile(p))));
            }
            lines.Add(new(m.Name, Palette[i++ % Palette.Length], pts));
        }
        return new SvgLineChart
        {
            Title = "Latency distribution (percentile curve)", XLabel = "percentile", YLabel = "latency (ms)", Lines = lines,
            XTicks = [0, 1, 2, 3, 4], XFormat = x => x switch { < 0.5 => "0%", < 1.5 => "90%", < 2.5 => "99%", < 3.5 => "99.9%", _ => "99.99%" },
        }.Render();
    }

    private static string FanOut(RunReport r)
    {
        var hs = r.FanOut.Select(LatencyHistogram.FromSnapshot).ToList();
        var lines = new List<SvgLineChart.Line>
        {
            new("p50", Palette[0], hs.Select((h, i) => ((double)i, Ms(h.ValueAtPercentile(50)))).ToList()),
            new("p99", Palette[2], hs.Select((h, i) => ((double)i, Ms(h.ValueAtPercentile(99)))).ToList()),
            new("max", Palette[4], hs.Select((h, i) => ((double)i, Ms(h.Max))).ToList()),
        };
        return new SvgLineChart
        {
            Title = "Fan-out: push latency per recipient position", XLabel = "recipient position (definition order)", YLabel = "latency (ms)", Lines = lines,
            XTicks = Enumerable.Range(0, hs.Count).Where(i => hs.Count <= 12 || i % Math.Max(1, hs.Count / 10) == 0).Select(i => (double)i).ToList(),
            XFormat = x => x.ToString("0", Inv),
        }.Render();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
