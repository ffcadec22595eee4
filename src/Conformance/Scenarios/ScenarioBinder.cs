namespace NitroConformance.Conformance.Scenarios;

/// <summary>Turns one scenario mapping (a matrix row already substituted) into a <see cref="Scenario"/>: the scenario-level fields, then wallets, session and steps.</summary>
internal static class ScenarioBinder
{
    /// <summary>The scenario, or null when it added errors.</summary>
    public static Scenario? Bind(YMap map, MatrixExpander.Row? row, RuleCatalog? rules, List<ScenarioError> errors)
    {
        var before = errors.Count;
        var r = new FieldReader(errors);
        var baseId = r.Str(map, "id", "id") ?? "";
        if (baseId.Length > 0 && !NamePatterns.ScenarioId().IsMatch(baseId))
            errors.Add(new(map.Get("id")!.Mark, "id", $"'{baseId}' is not a path-like id (lowercase segments [a-z0-9._-] joined by '/', at least two)"));

        var level = Level(map, r);
        var ruleIds = RuleIds(map, rules, r);
        var protocols = Protocols(map, r);
        var features = Features(map, r);

        var wallets = WalletBinder.Bind(map.Get("wallets")!, r);
        var names = wallets.Select(w => w.Name).ToHashSet();
        var session = map.Get("session") is YMap sm ? DefinitionBinder.Bind(sm, "session", r, DefinitionBinder.Keys) : DefinitionSpec.Empty;
        if (map.Get("session") is { } sn && sn is not YMap) errors.Add(new(sn.Mark, "session", "must be a mapping"));
        var steps = Steps(map, r);

        var scenario = new Scenario
        {
            Id = row is null ? baseId : $"{baseId}[{row.Suffix}]",
            BaseId = baseId,
            Title = r.Str(map, "title", "title") ?? "",
            Description = r.Str(map, "description", "description") ?? "",
            Expectation = r.Str(map, "expectation", "expectation") ?? "",
            Rules = ruleIds,
            Level = level ?? ScenarioLevel.Must,
            Protocols = protocols,
            Features = features,
            Tags = map.Get("tags") is { } tn ? r.StrList(tn, "tags") ?? [] : [],
            TimeoutMs = r.OptInt(map, "timeout_ms", "timeout_ms"),
            Destructive = r.OptBool(map, "destructive", "destructive") ?? false,
            Wallets = wallets,
            Session = session,
            Steps = steps,
            Parameters = row?.Values.ToDictionary(v => v.Key, v => MatrixExpander.Text(v.Value)) ?? new Dictionary<string, string>(),
            Mark = map.Mark,
        };
        ScenarioReferenceChecker.Check(scenario, names, errors);
        return errors.Count > before ? null : scenario;
    }

    private static ScenarioLevel? Level(YMap map, FieldReader r)
    {
        var levelText = r.Str(map, "level", "level");
        var level = levelText switch
        {
            "must" => ScenarioLevel.Must,
            "safety" => ScenarioLevel.Safety,
            "info" => ScenarioLevel.Info,
            _ => (ScenarioLevel?)null,
        };
        if (level is null && levelText is not null) r.Errors.Add(new(map.Get("level")!.Mark, "level", $"'{levelText}' is not one of must, safety, info"));
        return level;
    }

    private static List<string> RuleIds(YMap map, RuleCatalog? rules, FieldReader r)
    {
        var node = map.Get("rules")!;
        var ruleIds = r.StrList(node, "rules") ?? [];
        if (ruleIds.Count == 0) r.Errors.Add(new(node.Mark, "rules", "needs at least one rule id"));
        if (rules is not null)
            foreach (var id in ruleIds.Where(id => !rules.Contains(id)))
                r.Errors.Add(new(node.Mark, "rules", $"unknown rule id '{id}' (not in scenarios/rules.yaml)"));
        return ruleIds;
    }

    private static List<string> Protocols(YMap map, FieldReader r)
    {
        var all = ScenarioVocabulary.AllProtocols;
        var protocols = map.Get("protocols") is { } pn ? r.StrList(pn, "protocols") ?? [] : all.ToList();
        foreach (var p in protocols.Where(p => !all.Contains(p)))
            r.Errors.Add(new(map.Get("protocols")!.Mark, "protocols", $"'{p}' is not one of {string.Join(", ", all)}"));
        if (protocols.Count == 0) r.Errors.Add(new(map.Mark, "protocols", "needs at least one protocol"));
        return protocols;
    }

    private static List<string> Features(YMap map, FieldReader r)
    {
        var known = ScenarioVocabulary.KnownFeatures;
        var features = map.Get("features") is { } fn ? r.StrList(fn, "features") ?? [] : [];
        foreach (var f in features.Where(f => !known.Contains(f)))
            r.Errors.Add(new(map.Get("features")!.Mark, "features", $"unknown feature '{f}' (known: {string.Join(", ", known)})"));
        return features;
    }

    private static List<Step> Steps(YMap map, FieldReader r)
    {
        var steps = new List<Step>();
        if (map.Get("steps") is YSeq seq && seq.Items.Count > 0)
        {
            for (var i = 0; i < seq.Items.Count; i++)
                if (StepBinder.Bind(seq.Items[i], i, r) is { } st) steps.Add(st);
        }
        else
        {
            r.Errors.Add(new(map.Get("steps")!.Mark, "steps", "must be a non-empty list"));
        }
        return steps;
    }
}
