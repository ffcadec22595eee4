using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Reports;

namespace NitroConformance.Conformance.SelfProof;

/// <summary>Writes the seeded-defect matrix (defect → catching cases) as Markdown and JSON.</summary>
public static class DefectMatrixReport
{
    /// <summary>Writes <c>defects.md</c> and <c>defects.json</c> into <paramref name="directory"/>.</summary>
    public static void Write(string directory, IReadOnlyList<DefectRun> runs)
    {
        Directory.CreateDirectory(directory);
        var ordered = runs.OrderBy(r => r.Defect.Id).ToList();
        var md = new StringBuilder();
        md.AppendLine("# Seeded-defect matrix");
        md.AppendLine();
        md.AppendLine("Each defect of `DefectCatalog.All` was seeded into a fresh embedded reference node and the relevant scenarios were run against it;");
        md.AppendLine("a defect is caught when at least one must/safety case fails. Defects that only concurrent traffic shows");
        md.AppendLine("(`CaughtBy = Load`, e.g. `non-atomic-balance-update`) are caught by load workloads instead: tests/Load.Tests `LoadCaughtDefectTests`.");
        md.AppendLine();
        md.AppendLine("| Defect | Family | Rule | Caught | Cases run | Catching cases |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            var names = r.Catching.Select(c => $"`{c.Case.Name}`").ToList();
            var shown = names.Count > 12 ? string.Join("<br>", names.Take(12)) + $"<br>… {names.Count - 12} more" : string.Join("<br>", names);
            md.AppendLine($"| `{r.Defect.Key}` | {r.Defect.Family} | {CoverageTable.Md(r.Defect.Rule)} ({CoverageTable.Md(r.Defect.SpecSection)}) | {(r.Catching.Count > 0 ? "yes" : "**NO**")} | {r.CasesRun} | {(names.Count == 0 ? "—" : shown)} |");
        }
        File.WriteAllText(Path.Combine(directory, "defects.md"), md.ToString());

        var json = new JsonArray(ordered.Select(r => (JsonNode?)new JsonObject
        {
            ["defect"] = r.Defect.Key,
            ["family"] = r.Defect.Family,
            ["rule"] = r.Defect.Rule,
            ["spec_section"] = r.Defect.SpecSection,
            ["caught"] = r.Catching.Count > 0,
            ["cases_run"] = r.CasesRun,
            ["duration_ms"] = (long)r.Duration.TotalMilliseconds,
            ["catching_cases"] = new JsonArray(r.Catching.Select(c => (JsonNode?)new JsonObject
            {
                ["case"] = c.Case.Name,
                ["message"] = c.Message,
            }).ToArray()),
        }).ToArray());
        File.WriteAllText(Path.Combine(directory, "defects.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
