namespace NitroConformance.Conformance.Scenarios;

/// <summary>One spec rule from <c>scenarios/rules.yaml</c>.</summary>
public sealed record Rule(string Id, string Spec, string Section, string Text, string? Error, string? Level = null);

/// <summary>A rule no scenario can drive over the wire: why (<see cref="Reason"/>) and which reference-node tests cover it instead.</summary>
/// <param name="CoveredBy">Entries <c>path/to/File.cs::TestMethod</c>, relative to the repository root.</param>
public sealed record RuleGap(Rule Rule, string? Reason, IReadOnlyList<string> CoveredBy);

/// <summary>The rule catalogue scenarios reference by id.</summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, Rule> _byId;

    /// <summary>Creates a catalogue from rules (ids must be unique).</summary>
    public RuleCatalog(IEnumerable<Rule> rules, IEnumerable<RuleGap>? gaps = null)
    {
        Rules = rules.ToList();
        _byId = Rules.ToDictionary(r => r.Id);
        Gaps = gaps?.ToList() ?? [];
    }

    /// <summary>The <c>gaps:</c> section: rules covered outside the wire suite, in file order.</summary>
    public IReadOnlyList<RuleGap> Gaps { get; }

    /// <summary>All rules in file order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>True when the id is in the catalogue.</summary>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Loads a rules file; throws <see cref="ScenarioLoadException"/> naming file, line and field on errors.</summary>
    public static RuleCatalog Load(string path) => Parse(path, File.ReadAllText(path));

    /// <summary>Parses rules YAML text (a list of {id, spec, section, text, error?}).</summary>
    public static RuleCatalog Parse(string file, string text)
    {
        var errors = new List<ScenarioError>();
        var root = YamlTreeReader.Read(file, text, errors);
        var rules = new List<Rule>();
        var seen = new HashSet<string>();
        var gaps = new List<RuleGap>();
        if (root is YMap { } top && top.Get("gaps") is { } gapNode) ParseGaps(gapNode, gaps, errors);
        if (root is YMap { } wrapper && wrapper.Get("rules") is { } inner) root = inner;
        if (root is not null and not YSeq)
            errors.Add(new(root.Mark, "(document)", "rules.yaml must be a list of {id, spec, section, text, error?}"));
        if (root is YSeq seq)
        {
            for (var i = 0; i < seq.Items.Count; i++)
            {
                var field = $"[{i}]";
                if (seq.Items[i] is not YMap m)
                {
                    errors.Add(new(seq.Items[i].Mark, field, "each rule is a mapping"));
                    continue;
                }
                AllowedKeys.Check(m, ["id", "spec", "section", "text", "error", "level"], field, errors);
                string? Get(string key, bool required)
                {
                    if (m.Get(key) is YScalar s) return s.Value;
                    if (m.Get(key) is { } other) errors.Add(new(other.Mark, $"{field}.{key}", "must be text"));
                    else if (required) errors.Add(new(m.Mark, $"{field}.{key}", "is required"));
                    return null;
                }
                var id = Get("id", true);
                var rule = new Rule(id ?? "", Get("spec", true) ?? "", Get("section", true) ?? "", Get("text", true) ?? "", Get("error", false), Get("level", false));
                if (id is null) continue;
                if (!seen.Add(id)) errors.Add(new(m.Mark, $"{field}.id", $"duplicate rule id '{id}'"));
                else rules.Add(rule);
            }
        }
        foreach (var g in gaps.Where(g => seen.Contains(g.Rule.Id)))
            errors.Add(new(new SourceMark(file, 0, 0), $"gaps.{g.Rule.Id}", "is both a rule and a gap; remove it from gaps: once a scenario checks it"));
        if (errors.Count > 0) throw new ScenarioLoadException(errors);
        return new RuleCatalog(rules, gaps);
    }

    private static void ParseGaps(YNode node, List<RuleGap> gaps, List<ScenarioError> errors)
    {
        if (node is YScalar { IsNull: true }) return;
        if (node is not YSeq seq)
        {
            errors.Add(new(node.Mark, "gaps", "must be a list of rules with gap: and covered_by:"));
            return;
        }
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var field = $"gaps[{i}]";
            if (seq.Items[i] is not YMap m)
            {
                errors.Add(new(seq.Items[i].Mark, field, "each gap is a mapping"));
                continue;
            }
            AllowedKeys.Check(m, ["id", "spec", "section", "text", "error", "level", "gap", "covered_by"], field, errors);
            string? Get(string key) => m.Get(key) is YScalar s && !s.IsNull ? s.Value : null;
            var covered = new List<string>();
            if (m.Get("covered_by") is YSeq cs) covered.AddRange(cs.Items.OfType<YScalar>().Select(x => x.Value));
            else if (m.Get("covered_by") is { } other) errors.Add(new(other.Mark, $"{field}.covered_by", "must be a list of \"file::test\" entries"));
            var id = Get("id");
            if (id is null)
            {
                errors.Add(new(m.Mark, $"{field}.id", "is required"));
                continue;
            }
            gaps.Add(new RuleGap(new Rule(id, Get("spec") ?? "", Get("section") ?? "", Get("text") ?? "", Get("error"), Get("level")), Get("gap"), covered));
        }
    }
}
