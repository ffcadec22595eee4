using NitroConformance.Conformance.Reports;
using NUnit.Framework;

namespace NitroConformance.Conformance.Coverage;

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
}
