using NitroConformance.Fixtures.Config;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Profiles;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>How the Go-faithful profile and the random-order switch are chosen: command line, YAML, options.</summary>
[TestFixture]
public sealed class GoProfileOptionsTests
{
    [Test]
    public void CommandLineSelectsTheProfileRandomOrderAndSeed()
    {
        var options = NodeCommandLine.Parse(["--profile", "go-v0.5", "--random-order", "--random-seed", "-7"], out _);
        Assert.That((options.Profile, options.RandomOrder, options.RandomSeed), Is.EqualTo((NodeProfile.GoV05, true, (int?)-7)));
        var plain = NodeCommandLine.Parse([], out _);
        Assert.That((plain.Profile, plain.RandomOrder, plain.RandomSeed), Is.EqualTo((NodeProfile.Default, false, (int?)null)));
    }

    [Test]
    public void UnknownProfileOrSeedNamesTheFlag()
    {
        var profile = Assert.Throws<ArgumentException>(() => NodeCommandLine.Parse(["--profile", "go-0.5"], out _))!;
        Assert.That(profile.Message, Is.EqualTo("--profile: unknown profile 'go-0.5'; known profiles: default, go-v0.5"));
        var seed = Assert.Throws<ArgumentException>(() => NodeCommandLine.Parse(["--random-seed", "x"], out _))!;
        Assert.That(seed.Message, Is.EqualTo("--random-seed: not a 32-bit integer: 'x'"));
    }

    [Test]
    public void YamlSelectsTheProfileRandomOrderAndSeed()
    {
        var options = NodeConfigFile.Parse("profile: go-v0.5\nrandom_order: true\nrandom_seed: 42\n", "node.yaml");
        Assert.That((options.Profile, options.RandomOrder, options.RandomSeed), Is.EqualTo((NodeProfile.GoV05, true, (int?)42)));
    }

    [Test]
    public void YamlUnknownProfileNamesFileLineAndField()
    {
        var e = Assert.Throws<NodeConfigException>(() => NodeConfigFile.Parse("port: 1\nprofile: go\n", "node.yaml"))!;
        Assert.That(e.Message, Is.EqualTo("node.yaml:2:10: profile: unknown profile 'go'; known profiles: default, go-v0.5"));
    }

    [Test]
    public void GoProfileSwitchesOnTheGoBugsAndRandomOrder()
    {
        var go = new NodeRuntime(new ReferenceNodeOptions { Profile = NodeProfile.GoV05, RandomSeed = 3, TimestampWindow = TimeSpan.FromSeconds(90) });
        Assert.That(go.Defects, Is.EquivalentTo(new[] { DefectId.OmittedParticipantKeepsShare, DefectId.DuplicateAllocationsCountedTwice }));
        Assert.That((go.Behaviour.GoFaithful, go.Behaviour.Order.IsRandom, go.Behaviour.Order.Seed), Is.EqualTo((true, true, (int?)3)));
        Assert.That(go.Behaviour.ReplayWindow, Is.EqualTo(TimeSpan.FromSeconds(90)));

        var plain = new NodeRuntime(new ReferenceNodeOptions { TimestampWindow = TimeSpan.FromSeconds(90) });
        Assert.That(plain.Defects, Is.Empty);
        Assert.That((plain.Behaviour.GoFaithful, plain.Behaviour.Order.IsRandom), Is.EqualTo((false, false)));
        Assert.That(plain.Behaviour.ReplayWindow, Is.EqualTo(TimeSpan.FromSeconds(60)), "the default keeps its fixed 60 s");

        var shuffled = new NodeRuntime(new ReferenceNodeOptions { RandomOrder = true });
        Assert.That((shuffled.Behaviour.GoFaithful, shuffled.Behaviour.Order.IsRandom, shuffled.Defects.Count), Is.EqualTo((false, true, 0)));
    }

    [Test]
    public void FixedOrderKeepsTheListAndASeededOrderIsReproducible()
    {
        var items = Enumerable.Range(0, 8).ToArray();
        Assert.That(MapOrder.Fixed.Arrange(items), Is.SameAs(items));
        var a = MapOrder.Random(11);
        var b = MapOrder.Random(11);
        var firstA = Enumerable.Range(0, 5).Select(_ => string.Join(",", a.Arrange(items))).ToList();
        var firstB = Enumerable.Range(0, 5).Select(_ => string.Join(",", b.Arrange(items))).ToList();
        Assert.That(firstA, Is.EqualTo(firstB), "same seed, same orders");
        Assert.That(firstA.Distinct().Count(), Is.GreaterThan(1), "a fresh order per call");
        Assert.That(a.Arrange(items).Order(), Is.EqualTo(items), "a permutation, nothing lost");
    }
}
