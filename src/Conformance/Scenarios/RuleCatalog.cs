namespace NitroConformance.Conformance.Scenarios;

/// <summary>One spec rule from <c>scenarios/rules.yaml</c>.</summary>
public sealed record Rule(string Id, string Spec, string Section, string Text, string? Error, string? Level = null);

/// <summary>The rule catalogue scenarios reference by id.</summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, Rule> _byId;

    /// <summary>Creates a catalogue from rules (ids must be unique).</summary>
    public RuleCatalog(IEnumerable<Rule> rules)
    {
        Rules = rules.ToList();
        _byId = Rules.ToDictionary(r => r.Id);
    }

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
                ScenarioLoader.CheckKeys(m, ["id", "spec", "section", "text", "error", "level"], field, errors);
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
        if (errors.Count > 0) throw new ScenarioLoadException(errors);
        return new RuleCatalog(rules);
    }
}
