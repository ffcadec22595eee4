using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;

namespace NitroConformance.Conformance.Reports;

/// <summary>The human report: Markdown, a self-contained HTML matrix (cases × outcome, like Autobahn's index) and a JSON summary.</summary>
public sealed record ConformanceReport(string Target, string Url, bool Strict, DateTimeOffset Started, DateTimeOffset Finished,
    IReadOnlyList<JudgedCase> Cases, CoverageTable? Coverage)
{
    private static readonly Outcome[] Order = [Outcome.Ok, Outcome.NonStrict, Outcome.Failed, Outcome.Crashed, Outcome.Unimplemented, Outcome.Skipped];

    private IEnumerable<string> Protocols => Cases.Select(c => c.Result.Case.Protocol).Distinct().Order(StringComparer.Ordinal);

    private int Count(Outcome o) => Cases.Count(c => c.Result.Outcome == o);

    /// <summary>auth_request frames the suite sent in the run (treasury, wallet pool, auth cases).</summary>
    public long AuthRequests { get; init; }

    /// <summary>True when no case fails the run.</summary>
    public bool Passed => Cases.All(c => c.Verdict is not (Verdict.Fail or Verdict.UnexpectedPass));

    /// <summary>summary.json: counts per outcome class and one entry per case with its verdict.</summary>
    public string ToJson()
    {
        var counts = new JsonObject();
        foreach (var o in Order) counts[o.Label()] = Count(o);
        var doc = new JsonObject
        {
            ["target"] = Target,
            ["url"] = Url,
            ["strict"] = Strict,
            ["started"] = Started.ToString("O", CultureInfo.InvariantCulture),
            ["finished"] = Finished.ToString("O", CultureInfo.InvariantCulture),
            ["duration_ms"] = (long)(Finished - Started).TotalMilliseconds,
            ["passed"] = Passed,
            ["counts"] = counts,
            ["auth_requests"] = AuthRequests,
            ["cases"] = new JsonArray(Cases.Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c.Result.Case.Name,
                ["id"] = c.Result.Case.Scenario.Id,
                ["protocol"] = c.Result.Case.Protocol,
                ["level"] = c.Result.Case.Scenario.Level.ToString().ToLowerInvariant(),
                ["outcome"] = c.Result.Outcome.Label(),
                ["effective"] = c.Effective.Label(),
                ["verdict"] = c.VerdictText,
                ["message"] = c.Result.Message,
                ["duration_ms"] = (long)c.Result.Duration.TotalMilliseconds,
                ["rules"] = new JsonArray(c.Result.Case.Scenario.Rules.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
                ["crash"] = c.Result.Crash is { } crash ? new JsonObject
                {
                    ["node_error"] = crash.NodeError,
                    ["frame"] = crash.Frame,
                    ["frames_before"] = new JsonArray(crash.Before.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
                } : null,
            }).ToArray()),
        };
        if (Coverage is not null)
        {
            var cov = new JsonObject();
            foreach (var (rule, scenarios) in Coverage.Rows)
                cov[rule.Id] = new JsonArray(scenarios.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            doc["coverage"] = cov;
            doc["uncovered_rules"] = new JsonArray(Coverage.Uncovered.Select(r => (JsonNode?)JsonValue.Create(r.Id)).ToArray());
            var gaps = new JsonObject();
            foreach (var g in Coverage.Gaps)
                gaps[g.Rule.Id] = new JsonObject
                {
                    ["reason"] = g.Reason,
                    ["covered_by"] = new JsonArray(g.CoveredBy.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                };
            doc["gaps"] = gaps;
        }
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>index.md: the matrix of cases by outcome class, then every case that is not OK.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# ClearNode conformance — {Target}");
        sb.AppendLine();
        sb.AppendLine($"Target `{Url}`, {(Strict ? "strict" : "non-strict")} mode, {Started:yyyy-MM-dd HH:mm:ss} UTC, {(Finished - Started).TotalSeconds:0.0} s. Result: **{(Passed ? "PASS" : "FAIL")}**. auth_requests sent: {AuthRequests}.");
        sb.AppendLine();
        sb.AppendLine("| " + string.Join(" | ", Order.Select(o => o.Label())) + " |");
        sb.AppendLine("|" + string.Concat(Order.Select(_ => "---|")));
        sb.AppendLine("| " + string.Join(" | ", Order.Select(o => Count(o).ToString(CultureInfo.InvariantCulture))) + " |");
        sb.AppendLine();
        sb.AppendLine("| Scenario | Level | " + string.Join(" | ", Protocols) + " |");
        sb.AppendLine("|---|---|" + string.Concat(Protocols.Select(_ => "---|")));
        foreach (var g in Cases.GroupBy(c => c.Result.Case.Scenario.Id))
        {
            var cells = Protocols.Select(p => g.FirstOrDefault(c => c.Result.Case.Protocol == p) is { } c ? Cell(c) : "—");
            sb.AppendLine($"| `{g.Key}` | {g.First().Result.Case.Scenario.Level.ToString().ToLowerInvariant()} | {string.Join(" | ", cells)} |");
        }
        var problems = Cases.Where(c => c.Result.Outcome != Outcome.Ok).ToList();
        if (problems.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Details");
            foreach (var c in problems)
            {
                sb.AppendLine($"- `{c.Result.Case.Name}` — **{c.Result.Outcome.Label()}** ({c.VerdictText}): {CoverageTable.Md(c.Result.Message)}");
                if (c.Result.Crash is { } crash)
                {
                    sb.AppendLine("  ```");
                    foreach (var line in crash.Describe().Split('\n')) sb.AppendLine("  " + line);
                    sb.AppendLine("  ```");
                }
            }
        }
        if (Coverage is not null)
        {
            sb.AppendLine();
            sb.AppendLine("## Rule coverage");
            sb.AppendLine();
            sb.Append(Coverage.ToMarkdown());
        }
        return sb.ToString();
    }

    private static string Cell(JudgedCase c) => c.Verdict == Verdict.ExpectedFailure ? $"{c.Result.Outcome.Label()} (known)" : c.Result.Outcome.Label();

    /// <summary>One console line: the counts per outcome class and the auth_requests sent.</summary>
    public string SummaryLine() =>
        $"Conformance against {Target}: {(Passed ? "PASS" : "FAIL")} — " + string.Join(", ", Order.Select(o => $"{o.Label()} {Count(o)}"))
        + $"; auth_requests sent: {AuthRequests}";

    /// <summary>Self-contained HTML page.</summary>
    public string ToHtml()
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/>");
        sb.AppendLine($"<title>ClearNode conformance — {H(Target)}</title>");
        sb.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}th{background:#f3f3f3}"
            + ".OK{background:#0a0;color:#fff}.NON-STRICT{background:#fc0}.FAILED{background:#d00;color:#fff}.CRASHED{background:#600;color:#fff}.UNIMPLEMENTED{background:#88a;color:#fff}"
            + ".SKIPPED{background:#ccc}.known{outline:3px dashed #000}code{font-size:12px}details{margin:2px 0}pre{white-space:pre-wrap;font-size:11px;background:#f8f8f8;padding:4px}</style></head><body>");
        sb.AppendLine($"<h1>ClearNode v0.5.x conformance — {H(Target)}</h1>");
        sb.AppendLine($"<p>Target <code>{H(Url)}</code>, {(Strict ? "strict" : "non-strict")} mode, {Started:yyyy-MM-dd HH:mm:ss} UTC, {(Finished - Started).TotalSeconds:0.0} s. Result: <b>{(Passed ? "PASS" : "FAIL")}</b>.</p>");
        sb.AppendLine("<table><tr>" + string.Concat(Order.Select(o => $"<th class=\"{o.Label()}\">{o.Label()}</th>")) + "</tr><tr>"
            + string.Concat(Order.Select(o => $"<td>{Count(o)}</td>")) + "</tr></table>");
        sb.AppendLine("<table><tr><th>Scenario</th><th>Level</th><th>Rules</th>" + string.Concat(Protocols.Select(p => $"<th>{H(p)}</th>")) + "</tr>");
        foreach (var g in Cases.GroupBy(c => c.Result.Case.Scenario.Id))
        {
            var s = g.First().Result.Case.Scenario;
            sb.Append($"<tr><td><code>{H(g.Key)}</code><br/>{H(s.Title)}</td><td>{s.Level.ToString().ToLowerInvariant()}</td><td>{H(string.Join(", ", s.Rules))}</td>");
            foreach (var p in Protocols)
            {
                if (g.FirstOrDefault(c => c.Result.Case.Protocol == p) is not { } c) { sb.Append("<td></td>"); continue; }
                var label = c.Result.Outcome.Label();
                sb.Append($"<td class=\"{label}{(c.Verdict == Verdict.ExpectedFailure ? " known" : "")}\"><details><summary>{label}{(c.Verdict == Verdict.ExpectedFailure ? " (known)" : "")} {c.Result.Duration.TotalMilliseconds:0} ms</summary><pre>");
                sb.Append(H(c.Result.Message)).Append('\n');
                if (c.Result.Crash is { } crash) sb.Append(H(crash.Describe())).Append('\n');
                foreach (var st in c.Result.Steps)
                {
                    sb.Append(H($"[{st.Outcome.Label()}] {st.Label}: {st.Message}")).Append('\n');
                    foreach (var e in st.Exchanges)
                    {
                        if (e.Request is not null) sb.Append(H($"  → {e.Request}")).Append('\n');
                        if (e.Response is not null) sb.Append(H($"  ← {e.Response}")).Append('\n');
                    }
                }
                sb.Append("</pre></details></td>");
            }
            sb.AppendLine("</tr>");
        }
        sb.AppendLine("</table>");
        if (Coverage is not null)
        {
            sb.AppendLine("<h2>Rule coverage</h2><table><tr><th>Rule</th><th>Spec</th><th>Section</th><th>Text</th><th>Scenarios</th></tr>");
            foreach (var (rule, scenarios) in Coverage.Rows)
                sb.AppendLine($"<tr><td><code>{H(rule.Id)}</code></td><td>{H(rule.Spec)}</td><td>{H(rule.Section)}</td><td>{H(rule.Text)}</td><td{(scenarios.Count == 0 ? " class=\"FAILED\"" : "")}>{(scenarios.Count == 0 ? "none" : string.Join("<br/>", scenarios.Select(x => $"<code>{H(x)}</code>")))}</td></tr>");
            foreach (var g in Coverage.Gaps)
                sb.AppendLine($"<tr><td><code>{H(g.Rule.Id)}</code></td><td>{H(g.Rule.Spec)}</td><td>{H(g.Rule.Section)}</td><td>{H(g.Rule.Text)}</td><td>{(g.CoveredBy.Count == 0 ? "gap without covered_by" : $"not over the wire ({H(g.Reason ?? "")}); covered by:<br/>" + string.Join("<br/>", g.CoveredBy.Select(x => $"<code>{H(x)}</code>")))}</td></tr>");
            sb.AppendLine("</table>");
        }
        sb.AppendLine("</body></html>");
        return sb.ToString();
    }
}
