using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Gaps;

/// <summary>Rule pipeline.session-expiry-24h (clearnode-rpc.md §3.1 step 4, §5.1), which no wire scenario can drive:
/// the wallet's auth session lapses after 24 h without private requests, on every connection of the wallet.</summary>
[TestFixture]
public sealed class SessionExpiryGapTests
{
    private const string Expired = "session expired, please re-authenticate";
    private ManualClock _clock = null!;
    private NodeHarness _harness = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new ManualClock();
        _harness = await NodeHarness.StartAsync(new ReferenceNodeOptions(), _clock);
    }

    [TearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    private ulong InFiveDays => (ulong)_clock.GetUtcNow().AddDays(5).ToUnixTimeSeconds();

    private static async Task<string?> PrivateReadErrorAsync(Protocol.Client.ClearNodeClient client)
    {
        var reply = await NodeHarness.CallAsync(client, "get_ledger_balances", new JsonObject());
        return reply.Method == "error" ? NodeHarness.ErrorOf(reply) : null;
    }

    [Test]
    public async Task AuthSessionLapsesAfter24HoursWithoutPrivateRequests()
    {
        var client = await _harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("gap-24h-1"), expiresAt: InFiveDays);

        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.That(await PrivateReadErrorAsync(client), Is.Null, "just under 24 h idle: still alive (and refreshed)");

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.That(await PrivateReadErrorAsync(client), Is.EqualTo(Expired));
        Assert.That((await NodeHarness.CallAsync(client, "ping", new JsonObject())).Method, Is.EqualTo("pong"), "public methods are unaffected");

        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("gap-24h-2"), expiresAt: InFiveDays);
        Assert.That(await PrivateReadErrorAsync(client), Is.Null, "a new auth_verify starts a new session");
    }

    [Test]
    public async Task ActivityOnAnyConnectionOfTheWalletKeepsTheSessionAlive()
    {
        var first = await _harness.ConnectAsync();
        var second = await _harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(first, TestKeys.Alice, TestKeys.Key("gap-24h-3"), expiresAt: InFiveDays);
        await NodeHarness.AuthenticateAsync(second, TestKeys.Alice, TestKeys.Key("gap-24h-3"), expiresAt: InFiveDays);

        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromHours(20));
            Assert.That(await PrivateReadErrorAsync(second), Is.Null, $"round {i}: the second connection keeps the wallet's session fresh");
        }
        Assert.That(await PrivateReadErrorAsync(first), Is.Null, "the first connection, idle for 60 h, shares the refreshed session");

        _clock.Advance(TimeSpan.FromHours(25));
        Assert.That(await PrivateReadErrorAsync(first), Is.EqualTo(Expired));
        Assert.That(await PrivateReadErrorAsync(second), Is.EqualTo(Expired), "the session is per wallet, not per connection");
    }
}
