using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>
/// The challenge table under the Go profile (auth.go ~l.61, 106-109, 286-296): a full table refuses with
/// <c>failed to generate challenge</c> until the 10-minute sweep, used challenges included; the default profile
/// purges expired challenges as soon as the table is full.
/// </summary>
[TestFixture]
public sealed class GoChallengeSweepTests
{
    private static async Task<string> RequestChallengeAsync(ClearNodeClient client, string label)
    {
        var reply = await NodeHarness.CallAsync(client, "auth_request",
            Requests.AuthRequest(TestKeys.Alice.Address, TestKeys.Key(label).Address, "clearnode", [], 0, "console"));
        return reply.Method == "error" ? "error: " + reply.ErrorText : reply.Method;
    }

    // One login (its challenge used) and two more challenges: the table of 3 is full.
    private static async Task<(NodeHarness Harness, ClearNodeClient Client, ManualClock Clock)> FillTableAsync(NodeProfile profile)
    {
        var clock = new ManualClock();
        var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { Profile = profile, RandomSeed = 1, MaxChallenges = 3 }, clock);
        var client = await harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sweep-login"));
        Assert.That(await RequestChallengeAsync(client, "sweep-2"), Is.EqualTo("auth_challenge"));
        Assert.That(await RequestChallengeAsync(client, "sweep-3"), Is.EqualTo("auth_challenge"));
        Assert.That(await RequestChallengeAsync(client, "sweep-4"), Is.EqualTo("error: failed to generate challenge"));
        return (harness, client, clock);
    }

    [Test]
    public async Task GoKeepsExpiredAndUsedChallengesUntilTheTenMinuteSweep()
    {
        var (harness, client, clock) = await FillTableAsync(NodeProfile.GoV05);
        await using var _ = harness;

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.That(harness.Node.Runtime.Challenges.Count, Is.EqualTo(3), "all expired, none swept yet");
        Assert.That(await RequestChallengeAsync(client, "sweep-5"), Is.EqualTo("error: failed to generate challenge"));

        clock.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromMilliseconds(1));
        Assert.That(await RequestChallengeAsync(client, "sweep-6"), Is.EqualTo("error: failed to generate challenge"), "1 ms before the sweep");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await RequestChallengeAsync(client, "sweep-7"), Is.EqualTo("auth_challenge"), "the sweep at start + 10 min");
        Assert.That(harness.Node.Runtime.Challenges.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task GoSweepJudgesExpiryAtTheTickNotAtTheRequest()
    {
        var (harness, client, clock) = await FillTableAsync(NodeProfile.GoV05);
        await using var _ = harness;

        // The two unused challenges expire at +5 min; fresh ones issued after the sweep at +10 min live until +15 min.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await RequestChallengeAsync(client, "tick-1"), Is.EqualTo("auth_challenge"));
        Assert.That(await RequestChallengeAsync(client, "tick-2"), Is.EqualTo("auth_challenge"));
        Assert.That(await RequestChallengeAsync(client, "tick-3"), Is.EqualTo("auth_challenge"));
        // At +19 min all three are expired, but the next sweep is at +20 min.
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.That(await RequestChallengeAsync(client, "tick-4"), Is.EqualTo("error: failed to generate challenge"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await RequestChallengeAsync(client, "tick-5"), Is.EqualTo("auth_challenge"));
    }

    [Test]
    public async Task TheDefaultProfilePurgesExpiredChallengesWhenFull()
    {
        var (harness, client, clock) = await FillTableAsync(NodeProfile.Default);
        await using var _ = harness;

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.That(await RequestChallengeAsync(client, "sweep-5"), Is.EqualTo("auth_challenge"));
        Assert.That(harness.Node.Runtime.Challenges.Count, Is.EqualTo(1));
    }
}
