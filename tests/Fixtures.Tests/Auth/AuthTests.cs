using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Auth;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Auth;

/// <summary>clearnode-rpc.md §5: auth_request / auth_verify (both paths), middleware, post-auth pushes.</summary>
[TestFixture]
public sealed class AuthTests
{
    private ManualClock _clock = null!;
    private NodeHarness _harness = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new ManualClock();
        _harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { MaxChallenges = 5 }, _clock);
    }

    [TearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    private ulong Expiry(TimeSpan after) => (ulong)_clock.GetUtcNow().Add(after).ToUnixTimeSeconds();

    private static JsonObject AuthRequestParams(EthKey wallet, EthKey sessionKey, string application = "clearnode",
        ulong expiresAt = 0, IEnumerable<Allowance>? allowances = null) =>
        Requests.AuthRequest(wallet.Address, sessionKey.Address, application, allowances ?? [], expiresAt, "console");

    private async Task<string> ChallengeAsync(ClearNodeClient client, JsonObject parameters)
    {
        var reply = await NodeHarness.CallAsync(client, "auth_request", parameters);
        Assert.That(reply.Method, Is.EqualTo("auth_challenge"), reply.Text);
        var challenge = (string)reply.Params!["challenge_message"]!;
        Assert.That(challenge, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        return challenge;
    }

    private static Task<RpcFrame> VerifyAsync(ClearNodeClient client, string challenge, params string[] signatures) =>
        NodeHarness.SendAsync(client, RpcFrames.Assemble(client.CreateRequest("auth_verify", Requests.AuthVerify(challenge)), signatures));

    private static string Sign(EthKey signer, string challenge, EthKey wallet, EthKey sessionKey, ulong expiresAt,
        string application = "clearnode", IReadOnlyList<Allowance>? allowances = null) =>
        Eip712Auth.Sign(signer, application, new AuthPolicy(challenge, "console", wallet.Address, sessionKey.Address, expiresAt, allowances ?? []));

    [Test]
    public async Task SignatureAuthSucceedsWithSortedResultThenChannelsAndBuPushes()
    {
        _harness.Node.Credit(TestKeys.Alice.Address, "usdc", 250m);
        var client = await _harness.ConnectAsync();
        var key = TestKeys.Key("sk-1");
        var expiry = Expiry(TimeSpan.FromHours(1));
        var challenge = await ChallengeAsync(client, AuthRequestParams(TestKeys.Alice, key, expiresAt: expiry));
        var pushes = client.Subscribe();

        var reply = await VerifyAsync(client, challenge, Sign(TestKeys.Alice, challenge, TestKeys.Alice, key, expiry));

        Assert.That(reply.Method, Is.EqualTo("auth_verify"), reply.Text);
        var result = reply.Params!.AsObject();
        Assert.That(result.Select(p => p.Key), Is.EqualTo(new[] { "address", "jwt_token", "session_key", "success" }));
        Assert.That((string)result["address"]!, Is.EqualTo(TestKeys.Alice.Address));
        Assert.That((string)result["session_key"]!, Is.EqualTo(key.Address));
        Assert.That((bool)result["success"]!, Is.True);

        var channels = await pushes.NextAsync(NodeHarness.Wait);
        var bu = await pushes.NextAsync(NodeHarness.Wait);
        Assert.That(channels.RawArray, Does.StartWith("[0,\"channels\",{\"channels\":[]},"));
        Assert.That(bu.RawParams, Is.EqualTo("{\"balance_updates\":[{\"asset\":\"usdc\",\"amount\":\"250\"}]}"));
        var order = client.FrameLog.Where(f => f.Direction == FrameDirection.Inbound).Select(f => RpcFrameParser.Parse(f.Text).Method).ToList();
        Assert.That(order.SkipWhile(m => m != "auth_verify").Take(3), Is.EqualTo(new[] { "auth_verify", "channels", "bu" }), "pushes follow the response");
    }

    [Test]
    public async Task ReauthenticatingAsTheSameWalletPushesNothing()
    {
        var client = await _harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sk-2"));
        await Task.Delay(100);
        var pushes = client.Subscribe();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sk-2"));
        await NodeHarness.CallAsync(client, "ping", Requests.Ping());
        Assert.That(pushes.TryRead(out var unexpected), Is.False, unexpected?.Text);
    }

    [Test]
    public async Task JwtReauthOnNewConnectionReturnsNoTokenAndAuthenticates()
    {
        var first = await _harness.ConnectAsync();
        var auth = await NodeHarness.AuthenticateAsync(first, TestKeys.Alice, TestKeys.Key("sk-3"));
        var second = await _harness.ConnectAsync();

        var reply = await NodeHarness.CallAsync(second, "auth_verify", Requests.AuthVerifyJwt(auth.Jwt));
        Assert.That(reply.RawParams, Is.EqualTo($"{{\"address\":\"{TestKeys.Alice.Address}\",\"session_key\":\"{TestKeys.Key("sk-3").Address}\",\"success\":true}}"));
        var keys = await NodeHarness.CallAsync(second, "get_session_keys", new JsonObject());
        Assert.That(keys.Method, Is.EqualTo("get_session_keys"), keys.Text);
    }

    [Test]
    public async Task InvalidOrForeignJwtIsRejected()
    {
        var client = await _harness.ConnectAsync();
        var auth = await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sk-4"));
        await using var other = await NodeHarness.StartAsync();
        var foreign = await other.ConnectAsync();
        foreach (var token in new[] { "abc", auth.Jwt + "x", auth.Jwt[..^4] + "AAAA" })
            Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_verify", Requests.AuthVerifyJwt(token))), Is.EqualTo("invalid JWT token"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(foreign, "auth_verify", Requests.AuthVerifyJwt(auth.Jwt))), Is.EqualTo("invalid JWT token"));
    }

    [Test]
    public async Task JwtExpiresAfter24Hours()
    {
        var client = await _harness.ConnectAsync();
        var auth = await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sk-5"), expiresAt: Expiry(TimeSpan.FromDays(3)));
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(2));
        var fresh = await _harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(fresh, "auth_verify", Requests.AuthVerifyJwt(auth.Jwt))), Is.EqualTo("invalid JWT token"));
    }

    [Test]
    public async Task AuthVerifyErrorsInOrder()
    {
        var client = await _harness.ConnectAsync();
        var key = TestKeys.Key("sk-6");
        var expiry = Expiry(TimeSpan.FromHours(1));

        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_verify", new JsonObject())),
            Is.EqualTo("invalid authentication method: expected JWT or signature"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_verify", new JsonArray())), Is.EqualTo("failed to parse auth parameters"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_verify", new JsonObject { ["challenge"] = "" })), Is.EqualTo("failed to parse auth parameters"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_verify", new JsonObject { ["jwt"] = 5 })), Is.EqualTo("failed to parse auth parameters"));
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, Guid.NewGuid().ToString(), "0x" + new string('1', 130))), Is.EqualTo("invalid challenge"));

        var challenge = await ChallengeAsync(client, AuthRequestParams(TestKeys.Alice, key, expiresAt: expiry));
        // Go panics on a short signature; this node answers normally (spec README Q25).
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, "0x1234")), Is.EqualTo("invalid signature"));
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, "0x")), Is.EqualTo("invalid signature"));
        // Signed by another wallet: the challenge stays usable.
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, Sign(TestKeys.Bob, challenge, TestKeys.Alice, key, expiry))),
            Is.EqualTo("invalid challenge or signature"));
        var good = Sign(TestKeys.Alice, challenge, TestKeys.Alice, key, expiry);
        Assert.That((await VerifyAsync(client, challenge, good)).Method, Is.EqualTo("auth_verify"));
        // Used once: the second use fails and deletes it, the third finds nothing.
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, good)), Is.EqualTo("invalid challenge or signature"));
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, good)), Is.EqualTo("invalid challenge"));
    }

    [Test]
    public async Task ChallengeExpiresAfterFiveMinutes()
    {
        var client = await _harness.ConnectAsync();
        var key = TestKeys.Key("sk-7");
        var expiry = Expiry(TimeSpan.FromHours(2));
        var challenge = await ChallengeAsync(client, AuthRequestParams(TestKeys.Alice, key, expiresAt: expiry));
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var signature = Sign(TestKeys.Alice, challenge, TestKeys.Alice, key, expiry);
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, signature)), Is.EqualTo("invalid challenge or signature"));
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, signature)), Is.EqualTo("invalid challenge"));
    }

    [Test]
    public async Task EmptyApplicationOrNonAddressKeyMakesTheSignatureInvalid()
    {
        var client = await _harness.ConnectAsync();
        var expiry = Expiry(TimeSpan.FromHours(1));
        var empty = await ChallengeAsync(client, AuthRequestParams(TestKeys.Alice, TestKeys.Key("sk-8"), application: "", expiresAt: expiry));
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, empty, "0x" + new string('1', 130))), Is.EqualTo("invalid signature"));
        var badKey = Requests.AuthRequest(TestKeys.Alice.Address, "not-an-address", "clearnode", [], expiry, "console");
        var challenge = await ChallengeAsync(client, badKey);
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, "0x" + new string('1', 130))), Is.EqualTo("invalid signature"));
    }

    [Test]
    public async Task NonChecksummedAddressNeverMatchesTheRecoveredSigner()
    {
        var client = await _harness.ConnectAsync();
        var key = TestKeys.Key("sk-9");
        var expiry = Expiry(TimeSpan.FromHours(1));
        var lower = Requests.AuthRequest(TestKeys.Alice.Address.ToLowerInvariant(), key.Address, "clearnode", [], expiry, "console");
        var challenge = await ChallengeAsync(client, lower);
        var signature = Eip712Auth.Sign(TestKeys.Alice, "clearnode",
            new AuthPolicy(challenge, "console", TestKeys.Alice.Address.ToLowerInvariant(), key.Address, expiry, []));
        Assert.That(NodeHarness.ErrorOf(await VerifyAsync(client, challenge, signature)), Is.EqualTo("invalid challenge or signature"));
    }

    [Test]
    public async Task AuthRequestParamTypesAreEnforced()
    {
        var client = await _harness.ConnectAsync();
        foreach (var bad in new JsonNode[]
                 {
                     new JsonArray(), new JsonObject { ["address"] = 5 }, new JsonObject { ["expires_at"] = "1" },
                     new JsonObject { ["expires_at"] = 1.5 }, new JsonObject { ["allowances"] = "x" },
                     new JsonObject { ["allowances"] = new JsonArray(new JsonObject { ["asset"] = "usdc", ["amount"] = 5 }) },
                 })
        {
            Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_request", bad)), Is.EqualTo("failed to parse auth parameters"), bad.ToJsonString());
        }
    }

    [Test]
    public async Task ChallengeTableIsCapped()
    {
        var client = await _harness.ConnectAsync();
        for (var i = 0; i < 5; i++) await ChallengeAsync(client, new JsonObject());
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "auth_request", new JsonObject())), Is.EqualTo("failed to generate challenge"));
        _clock.Advance(TimeSpan.FromMinutes(6));
        await ChallengeAsync(client, new JsonObject());
    }

    [Test]
    public void DefaultChallengeCapIs1000()
    {
        Assert.That(new ReferenceNodeOptions().MaxChallenges, Is.EqualTo(1000));
        Assert.That(new ReferenceNodeOptions().TimestampWindow, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(new ReferenceNodeOptions().AuthSessionLifetime, Is.EqualTo(TimeSpan.FromHours(24)));
    }

    [Test]
    public async Task AllowanceValidationErrors()
    {
        var client = await _harness.ConnectAsync();
        var expiry = Expiry(TimeSpan.FromHours(1));
        var cases = new (Allowance Allowance, string Error)[]
        {
            (new Allowance("btc", "1"), "unsupported token: asset 'btc' is not supported"),
            (new Allowance("usdc", "abc"), "unsupported token: invalid amount 'abc' for asset 'usdc': can't convert abc to decimal"),
            (new Allowance("usdc", "-1"), "unsupported token: allowance amount cannot be negative for asset 'usdc', got '-1'"),
        };
        var n = 0;
        foreach (var (allowance, error) in cases)
        {
            var key = TestKeys.Key("allow-" + n++);
            var challenge = await ChallengeAsync(client, AuthRequestParams(TestKeys.Alice, key, expiresAt: expiry, allowances: [allowance]));
            var reply = await VerifyAsync(client, challenge, Sign(TestKeys.Alice, challenge, TestKeys.Alice, key, expiry, allowances: [allowance]));
            Assert.That(NodeHarness.ErrorOf(reply), Is.EqualTo(error));
        }
    }

    [Test]
    public async Task PastExpiryIsRejectedForANewKey()
    {
        var client = await _harness.ConnectAsync();
        foreach (var expiry in new[] { 0UL, Expiry(TimeSpan.FromSeconds(-5)) })
        {
            var key = TestKeys.Key("past-" + expiry);
            var challenge = await ChallengeAsync(client, AuthRequestParams(TestKeys.Alice, key, expiresAt: expiry));
            var reply = await VerifyAsync(client, challenge, Sign(TestKeys.Alice, challenge, TestKeys.Alice, key, expiry));
            Assert.That(NodeHarness.ErrorOf(reply), Is.EqualTo("expiration time must be set and in the future"));
        }
    }

    [Test]
    public async Task PrivateMethodsNeedAuthenticationAFreshTimestampAndALiveSession()
    {
        var client = await _harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "get_session_keys", new JsonObject())), Is.EqualTo("authentication required"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "get_ledger_balances", new JsonObject())), Is.EqualTo("authentication required"));

        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sk-10"), expiresAt: Expiry(TimeSpan.FromDays(5)));
        var now = _clock.NowMs();
        var stale = await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), now - 60_001);
        Assert.That(NodeHarness.ErrorOf(stale), Is.EqualTo("invalid message timestamp"));
        Assert.That(stale.RequestId, Is.Not.EqualTo(0UL));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), now / 10)),
            Is.EqualTo("invalid message timestamp"), "12 digits");
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), 10_000_000_000_000)),
            Is.EqualTo("invalid message timestamp"), "14 digits");
        Assert.That((await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), now - 59_000)).Method, Is.EqualTo("get_session_keys"));
        Assert.That((await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), now + 3_600_000)).Method,
            Is.EqualTo("get_session_keys"), "future timestamps pass");
        // Public methods never look at the timestamp.
        Assert.That((await NodeHarness.SendWithTimestampAsync(client, "ping", new JsonObject(), 1)).Method, Is.EqualTo("pong"));

        // The auth session slides: activity within 24 h keeps it alive...
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.That((await NodeHarness.CallAsync(client, "get_session_keys", new JsonObject())).Method, Is.EqualTo("get_session_keys"));
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.That((await NodeHarness.CallAsync(client, "get_session_keys", new JsonObject())).Method, Is.EqualTo("get_session_keys"));
        // ...and 24 h of silence ends it, whatever the timestamp.
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "get_session_keys", new JsonObject())), Is.EqualTo("session expired, please re-authenticate"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), 1)),
            Is.EqualTo("session expired, please re-authenticate"), "session is checked before the timestamp");
    }

    [Test]
    public async Task AuthenticationIsCheckedBeforeTheTimestamp()
    {
        var client = await _harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendWithTimestampAsync(client, "get_user_tag", new JsonObject(), 1)), Is.EqualTo("authentication required"));
    }

    [Test]
    public async Task UserTagExistsAfterSignatureAuth()
    {
        var client = await _harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sk-11"));
        var reply = await NodeHarness.CallAsync(client, "get_user_tag", new JsonArray());
        Assert.That((string)reply.Params!["tag"]!, Does.Match("^[A-Z0-9]{6}$"));
        var again = await NodeHarness.CallAsync(client, "get_user_tag", new JsonObject());
        Assert.That(again.RawParams, Is.EqualTo(reply.RawParams));
    }
}
