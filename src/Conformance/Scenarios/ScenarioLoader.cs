namespace NitroConformance.Conformance.Scenarios;

/// <summary>Loads and validates scenario files; every problem is reported with file, line, column and field.</summary>
/// <remarks>This type reads files and expands matrices; <see cref="ScenarioBinder"/> and the binders it calls read the fields.</remarks>
public static class ScenarioLoader
{
    /// <summary>Top-level folders of <c>scenarios/</c> that hold other tools' files (the load harness's profiles).</summary>
    public static readonly IReadOnlySet<string> ExcludedFolders = new HashSet<string> { "load" };

    private static readonly string[] TopKeys =
        ["id", "title", "description", "expectation", "rules", "level", "protocols", "features", "tags", "timeout_ms", "destructive", "wallets", "session", "matrix", "steps"];

    private static readonly string[] RequiredTopKeys = ["id", "title", "description", "expectation", "rules", "level", "wallets", "steps"];

    /// <summary>Loads every scenario below <paramref name="directory"/> (all <c>*.yaml</c> except <c>rules.yaml</c> and <see cref="ExcludedFolders"/>); throws <see cref="ScenarioLoadException"/> listing all errors.</summary>
    public static IReadOnlyList<Scenario> LoadDirectory(string directory, RuleCatalog? rules = null)
    {
        var errors = new List<ScenarioError>();
        var all = new List<Scenario>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "rules.yaml") continue;
            var rel = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (ExcludedFolders.Contains(rel.Split('/')[0])) continue;
            all.AddRange(LoadText(Path.Combine(Path.GetFileName(directory.TrimEnd('/')), rel).Replace('\\', '/'), File.ReadAllText(file), rules, errors));
        }
        foreach (var dup in all.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            errors.Add(new(dup.Last().Mark, "id", $"duplicate scenario id '{dup.Key}' (also in {dup.First().Mark.File})"));
        if (errors.Count > 0) throw new ScenarioLoadException(errors);
        return all;
    }

    /// <summary>Loads one file's text; throws when it has errors.</summary>
    public static IReadOnlyList<Scenario> LoadText(string file, string text, RuleCatalog? rules = null)
    {
        var errors = new List<ScenarioError>();
        var result = LoadText(file, text, rules, errors);
        if (errors.Count > 0) throw new ScenarioLoadException(errors);
        return result;
    }

    /// <summary>Loads one file's text, adding problems to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<Scenario> LoadText(string file, string text, RuleCatalog? rules, List<ScenarioError> errors)
    {
        var root = YamlTreeReader.Read(file, text, errors);
        if (root is null) return [];
        if (root is not YMap map)
        {
            errors.Add(new(root.Mark, "(document)", "a scenario file must be a mapping with id, title, ... steps"));
            return [];
        }
        var before = errors.Count;
        AllowedKeys.Check(map, TopKeys, "", errors);
        foreach (var req in RequiredTopKeys)
            if (map.Get(req) is null) errors.Add(new(map.Mark, req, "is required"));
        if (errors.Count > before) return [];

        var matrix = map.Get("matrix");
        if (matrix is null) return ScenarioBinder.Bind(map, null, rules, errors) is { } s ? [s] : [];
        var list = new List<Scenario>();
        foreach (var row in MatrixExpander.Rows(matrix, errors))
        {
            var values = row.Values.ToDictionary(v => v.Key, v => v.Value);
            var substituted = new YMap(map.Mark, map.Entries.Where(e => e.Key.Value != "matrix")
                .Select(e => new KeyValuePair<YScalar, YNode>(e.Key, MatrixExpander.Substitute(e.Value, values))).ToList());
            if (ScenarioBinder.Bind(substituted, row, rules, errors) is { } s) list.Add(s);
        }
        return list;
    }
}
