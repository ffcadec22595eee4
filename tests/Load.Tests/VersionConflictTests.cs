using NitroConformance.Load.Workloads;

namespace NitroConformance.Load.Tests;

public class VersionConflictTests
{
    [TestCase("incorrect app state: incorrect version: expected 12, got 11", true, 12UL)]
    [TestCase("incorrect app state: incorrect version: expected 0, got 3", false, 0UL)]
    [TestCase("app session not found", false, 0UL)]
    public void The_expected_version_is_read_from_the_nodes_conflict_error(string text, bool ok, ulong expected)
    {
        Assert.That(VersionConflict.TryExpected(text, out var v), Is.EqualTo(ok));
        Assert.That(v, Is.EqualTo(expected));
    }
}
