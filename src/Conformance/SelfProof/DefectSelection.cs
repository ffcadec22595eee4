using NitroConformance.Conformance.Scenarios;
using NitroConformance.Fixtures.Defects;

namespace NitroConformance.Conformance.SelfProof;

/// <summary>Which scenarios are worth running against a node seeded with a defect (the rest run only if these catch nothing).</summary>
public static class DefectSelection
{
    // Defect family → scenario areas/families ("area" or "area/family") that exercise its rules.
    private static readonly Dictionary<string, string[]> Families = new()
    {
        ["quorum"] = ["app-sessions/quorum", "app-sessions/session-keys", "app-sessions/close"],
        ["versions"] = ["app-sessions/submit", "app-sessions/close", "app-sessions/deposit", "app-sessions/withdraw"],
        ["conservation"] = ["app-sessions/submit", "app-sessions/deposit", "app-sessions/withdraw", "app-sessions/close", "app-sessions/safety"],
        ["lifecycle"] = ["app-sessions/create", "app-sessions/close", "app-sessions/safety"],
        ["pushes"] = ["pushes"],
        ["envelope-auth"] = ["envelope", "auth"],
    };

    /// <summary>True when <paramref name="scenario"/> is in the defect's family or tagged with its key or family.</summary>
    public static bool IsRelevant(SeededDefect defect, Scenario scenario)
    {
        if (scenario.Tags.Contains(defect.Key) || scenario.Tags.Contains(defect.Family)) return true;
        if (!Families.TryGetValue(defect.Family, out var prefixes)) return false;
        return prefixes.Any(p => p.Contains('/', StringComparison.Ordinal)
            ? $"{scenario.Area}/{scenario.Family}" == p
            : scenario.Area == p);
    }
}
