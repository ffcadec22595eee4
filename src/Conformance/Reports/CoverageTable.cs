using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Reports;

/// <summary>Which scenarios check each rule of <c>scenarios/rules.yaml</c>.</summary>
public sealed record CoverageTable(IReadOnlyList<(Rule Rule, IReadOnlyList<string> Scenarios)> Rows, IReadOnlyList<string> UnknownReferences)
{
    /// <summary>Rules no scenario references.</summary>
    public IEnumerable<Rule> Uncovered => Rows.Where(r => r.Scenarios.Count == 0).Select(r => r.Rule);

    /// <summary>Builds the table from the catalogue and the loaded scenarios (matrix rows collapse to their base id).</summary>
    public static CoverageTable Build(RuleCatalog rules, IEnumerable<Scenario> scenarios)
    {
        var list = scenarios.ToList();
        var rows = rules.Rules.Select(r => (r, (IReadOnlyList<string>)list.Where(s => s.Rules.Contains(r.Id))
            .Select(s => s.BaseId).Distinct().Order(StringComparer.Ordinal).ToList())).ToList();
        var unknown = list.SelectMany(s => s.Rules).Where(id => !rules.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new CoverageTable(rows, unknown);
    }

    /// <summary>Markdown table.</summary>
    public string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("| Rule | Spec | Section | Text | Scenarios |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var (rule, scenarios) in Rows)
            sb.AppendLine($"| `{rule.Id}` | {Md(rule.Spec)} | {Md(rule.Section)} | {Md(rule.Text)} | {(scenarios.Count == 0 ? "**none**" : string.Join("<br>", scenarios.Select(s => $"`{s}`")))} |");
        return sb.ToString();
    }

    internal static string Md(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
