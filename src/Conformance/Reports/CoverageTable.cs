using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Reports;

/// <summary>Which scenarios check each rule of <c>scenarios/rules.yaml</c>.</summary>
public sealed record CoverageTable(IReadOnlyList<(Rule Rule, IReadOnlyList<string> Scenarios)> Rows, IReadOnlyList<string> UnknownReferences)
{
    /// <summary>Rules no scenario can drive over the wire, with the reason and the reference-node tests that cover them instead.</summary>
    public IReadOnlyList<RuleGap> Gaps { get; init; } = [];

    /// <summary>Gaps that leave a silent hole: no reason, or nothing that covers them instead.</summary>
    public IEnumerable<RuleGap> UnexplainedGaps => Gaps.Where(g => string.IsNullOrWhiteSpace(g.Reason) || g.CoveredBy.Count == 0);

    /// <summary>Rules no scenario references.</summary>
    public IEnumerable<Rule> Uncovered => Rows.Where(r => r.Scenarios.Count == 0).Select(r => r.Rule);

    /// <summary>Builds the table from the catalogue and the loaded scenarios (matrix rows collapse to their base id).</summary>
    public static CoverageTable Build(RuleCatalog rules, IEnumerable<Scenario> scenarios)
    {
        var list = scenarios.ToList();
        var rows = rules.Rules.Select(r => (r, (IReadOnlyList<string>)list.Where(s => s.Rules.Contains(r.Id))
            .Select(s => s.BaseId).Distinct().Order(StringComparer.Ordinal).ToList())).ToList();
        var unknown = list.SelectMany(s => s.Rules).Where(id => !rules.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new CoverageTable(rows, unknown) { Gaps = rules.Gaps };
    }

    /// <summary>Markdown table.</summary>
    public string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("| Rule | Spec | Section | Text | Scenarios |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var (rule, scenarios) in Rows)
            sb.AppendLine($"| `{rule.Id}` | {Md(rule.Spec)} | {Md(rule.Section)} | {Md(rule.Text)} | {(scenarios.Count == 0 ? "**none**" : string.Join("<br>", scenarios.Select(s => $"`{s}`")))} |");
        foreach (var g in Gaps)
            sb.AppendLine($"| `{g.Rule.Id}` | {Md(g.Rule.Spec)} | {Md(g.Rule.Section)} | {Md(g.Rule.Text)} | {GapText(g, s => $"`{s}`", "<br>")} |");
        return sb.ToString();
    }

    /// <summary>The Scenarios cell of a gap: "not over the wire: reason; covered by: tests".</summary>
    internal static string GapText(RuleGap g, Func<string, string> code, string separator) =>
        g.CoveredBy.Count == 0 || string.IsNullOrWhiteSpace(g.Reason)
            ? $"**gap without {(string.IsNullOrWhiteSpace(g.Reason) ? "reason" : "covered_by")}**"
            : $"not over the wire ({Md(g.Reason!)}); covered by:{separator}{string.Join(separator, g.CoveredBy.Select(code))}";

    internal static string Md(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
