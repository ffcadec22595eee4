namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reports mapping keys a scenario or rules file does not allow at that place.</summary>
internal static class AllowedKeys
{
    /// <summary>Adds an "unknown key" error for every key of <paramref name="map"/> not in <paramref name="allowed"/>.</summary>
    public static void Check(YMap map, IReadOnlyCollection<string> allowed, string field, List<ScenarioError> errors)
    {
        foreach (var (k, _) in map.Entries)
            if (!allowed.Contains(k.Value))
                errors.Add(new(k.Mark, field.Length == 0 ? k.Value : $"{field}.{k.Value}",
                    $"unknown key '{k.Value}' (allowed: {string.Join(", ", allowed)})"));
    }
}
