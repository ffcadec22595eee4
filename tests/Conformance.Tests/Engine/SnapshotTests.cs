using NitroConformance.Conformance.Running;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>The unchanged check and the funds invariant arithmetic.</summary>
[TestFixture]
[Category("Engine")]
public sealed class SnapshotTests
{
    private static LedgerSnapshot Snap(decimal aliceUnified, decimal aliceShare, string session) => new(
        new Dictionary<string, Dictionary<string, decimal>> { ["alice"] = new() { ["usdc"] = aliceUnified }, ["bob"] = new() { ["usdc"] = 5m } },
        new Dictionary<string, Dictionary<string, decimal>> { ["alice@main"] = new() { ["usdc"] = aliceShare } },
        new Dictionary<string, string> { ["main"] = session });

    [Test]
    public void EqualSnapshotsHaveNoDifferences() =>
        Assert.That(Snap(90, 10, "version=1").Diff(Snap(90, 10, "version=1")), Is.Empty);

    [Test]
    public void EveryChangedValueIsListed()
    {
        var diff = Snap(90, 10, "version=1").Diff(Snap(95, 5, "version=2"));
        Assert.That(diff, Is.EquivalentTo(new[]
        {
            "unified balance of alice usdc: 90 → 95",
            "share of alice@main usdc: 10 → 5",
            "session main: version=1 → version=2",
        }));
    }

    [Test]
    public void TotalsAddUnifiedBalancesAndShares() =>
        Assert.That(Snap(90, 10, "").Totals()["usdc"], Is.EqualTo(105m));
}
