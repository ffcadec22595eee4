using NitroConformance.Conformance.Outcomes;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Coverage;

/// <summary>Every checked-in known-failing list names only cases that exist, so no entry goes stale unnoticed.</summary>
[TestFixture]
[Category("Coverage")]
public sealed class KnownFailingListTests
{
    private static IEnumerable<TestCaseData> Lists()
    {
        var folder = Path.Combine(Suite.ScenarioCatalog.Current.RepositoryRoot, "src", "Conformance", "KnownFailing");
        return Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"known-failing list {Path.GetFileName(f)} names existing cases"));
    }

    /// <summary>An entry naming no scenario id and no case name fails the build.</summary>
    [TestCaseSource(nameof(Lists))]
    public void NamesOnlyExistingCases(string path)
    {
        var loaded = Suite.ScenarioCatalog.Current;
        Assert.That(loaded.Error, Is.Null, "scenarios must load");
        var cases = Suite.ScenarioCatalog.Cases.Select(c => (c.Name, c.Scenario.Id));
        var unmatched = KnownFailures.Load(path).Unmatched(cases);
        Assert.That(unmatched, Is.Empty, $"{path} lists cases that do not exist (renamed or removed scenarios?):\n" + string.Join("\n", unmatched));
    }

    /// <summary>Only a case marked <c>destructive</c> runs apart, so only such a case may be expected to crash the node.</summary>
    [TestCaseSource(nameof(Lists))]
    public void ExpectsCrashesOnlyFromDestructiveCases(string path)
    {
        var destructive = Suite.ScenarioCatalog.Cases.Where(c => c.Scenario.Destructive).SelectMany(c => new[] { c.Name, c.Scenario.Id }).ToHashSet();
        var wrong = KnownFailures.Load(path).CrashNames.Where(n => !destructive.Contains(n)).ToList();
        Assert.That(wrong, Is.Empty, $"{path} expects CRASHED from cases without destructive: true");
    }
}
