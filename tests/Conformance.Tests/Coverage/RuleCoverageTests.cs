using NitroConformance.Conformance.Reports;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Coverage;

/// <summary>Every rule in scenarios/rules.yaml is checked by at least one scenario, and scenarios only cite known rules.</summary>
[TestFixture]
[Category("Coverage")]
public sealed class RuleCoverageTests
{
    /// <summary>A rule without a scenario fails the build.</summary>
    [Test]
    public void EveryRuleHasAScenario()
    {
        var loaded = Suite.ScenarioCatalog.Current;
        Assert.That(loaded.Error, Is.Null, "scenarios must load");
        Assert.That(loaded.Rules, Is.Not.Null, "scenarios/rules.yaml must exist");
        var table = CoverageTable.Build(loaded.Rules!, loaded.Scenarios);
        var uncovered = table.Uncovered.Select(r => $"{r.Id} ({r.Spec} {r.Section})").ToList();
        Assert.That(uncovered, Is.Empty, $"{uncovered.Count} rule(s) in scenarios/rules.yaml have no scenario:\n" + string.Join("\n", uncovered));
        Assert.That(table.UnknownReferences, Is.Empty);
    }

    /// <summary>A rule in gaps: must say why and name the reference-node tests that cover it, and those tests must exist.</summary>
    [Test]
    public void EveryGapHasAReasonAndExistingCoveringTests()
    {
        var loaded = Suite.ScenarioCatalog.Current;
        Assert.That(loaded.Error, Is.Null, "scenarios must load");
        var table = CoverageTable.Build(loaded.Rules!, loaded.Scenarios);
        var problems = table.UnexplainedGaps.Select(g => $"{g.Rule.Id}: needs gap: (why) and covered_by: (which tests cover it instead)").ToList();
        foreach (var g in table.Gaps)
            foreach (var entry in g.CoveredBy)
                if (CoveringTest.Problem(loaded.RepositoryRoot, entry) is { } p) problems.Add($"{g.Rule.Id}: covered_by {entry}: {p}");
        foreach (var g in table.Gaps.Where(g => loaded.Scenarios.Any(s => s.Rules.Contains(g.Rule.Id))))
            problems.Add($"{g.Rule.Id}: a scenario cites it, so move it from gaps: to rules:");
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }
}

/// <summary>Checks a <c>path/File.cs::TestMethod</c> reference against the repository.</summary>
public static class CoveringTest
{
    /// <summary>Null when <paramref name="entry"/> names an existing file holding a [Test] method of that name; else what is wrong.</summary>
    public static string? Problem(string repositoryRoot, string entry)
    {
        var parts = entry.Split("::");
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) return "not of the form path/File.cs::TestMethod";
        var path = Path.Combine(repositoryRoot, parts[0]);
        if (!File.Exists(path)) return $"file {parts[0]} does not exist";
        var text = File.ReadAllText(path);
        var at = text.IndexOf($" {parts[1]}(", StringComparison.Ordinal);
        if (at < 0) return $"{parts[0]} has no method {parts[1]}";
        var before = text.LastIndexOf("[Test", at, StringComparison.Ordinal);
        var previousMethod = text.LastIndexOf('}', at);
        return before < 0 || before < previousMethod ? $"{parts[1]} in {parts[0]} is not a [Test]" : null;
    }
}
