using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Auth;

/// <summary>clearnode-rpc.md §5.7 and §7: registration, reuse, replacement, listing, revocation matrix.</summary>
[TestFixture]
public sealed class SessionKeyTests
{
    private NodeHarness _harness = null!;
    private ClearNodeClient _alice = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harness = await NodeHarness.StartAsync();
        _alice = await _harness.ConnectAsync();
    }

    [TearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    private static ulong InHours(double hours) => (ulong)DateTimeOffset.UtcNow.AddHours(hours).ToUnixTimeSeconds();

    private async Task<JsonArray> ListAsync(ClearNodeClient client, JsonObject? parameters = null)
    {
        var reply = await NodeHarness.CallAsync(client, "get_session_keys", parameters ?? new JsonObject());
        Assert.That(reply.Method, Is.EqualTo("get_session_keys"), reply.Text);
        return reply.Params!["session_keys"]!.AsArray();
    }

    private Task<RpcFrame> RevokeAsync(string target, params EthKey[] signers) =>
        NodeHarness.CallAsync(_alice, "revoke_session_key", new JsonObject { ["session_key"] = target }, signers);

    [Test]
    public async Task RegisteredKeyIsListedWithAllowancesAndMapsToItsWallet()
    {
        var key = TestKeys.Key("app-key");
        var expiry = InHours(2);
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "chess", allowances: [new Allowance("usdc", "12.50")], expiresAt: expiry, scope: "");

        var keys = await ListAsync(_alice);
        Assert.That(keys, Has.Count.EqualTo(1));
        var row = keys[0]!.AsObject();
        Assert.That(row.Select(p => p.Key), Is.EqualTo(new[] { "id", "session_key", "application", "allowances", "scope", "expires_at", "created_at" }));
        Assert.That((string)row["session_key"]!, Is.EqualTo(key.Address));
        Assert.That((string)row["application"]!, Is.EqualTo("chess"));
        Assert.That((string)row["scope"]!, Is.EqualTo("all"), "an empty scope is stored as all");
        Assert.That(row["allowances"]!.ToJsonString(), Is.EqualTo("[{\"asset\":\"usdc\",\"allowance\":\"12.5\",\"used\":\"0\"}]"));
        Assert.That(DateTimeOffset.Parse((string)row["expires_at"]!).ToUnixTimeSeconds(), Is.EqualTo((long)expiry));

        var record = _harness.Node.Runtime.SessionKeys.Find(key.Address)!;
        Assert.That(record.Wallet, Is.EqualTo(TestKeys.Alice.Address));
        Assert.That(record.Allowances["usdc"], Is.EqualTo(12.5m));
        Assert.That(_harness.Node.Runtime.SessionKeys.WalletFor(key.Address, DateTimeOffset.UtcNow), Is.EqualTo(TestKeys.Alice.Address));
        Assert.That(_harness.Node.Runtime.SessionKeys.WalletFor(key.Address.ToLowerInvariant(), DateTimeOffset.UtcNow), Is.Null, "string-exact");
    }

    [Test]
    public async Task SecondKeyForTheSameApplicationReplacesTheFirst()
    {
        var first = TestKeys.Key("first");
        var second = TestKeys.Key("second");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, first, application: "chess");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, TestKeys.Key("other-app"), application: "poker");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, second, application: "chess");

        var listed = (await ListAsync(_alice)).Select(k => (string)k!["session_key"]!).ToList();
        Assert.That(listed, Is.EqualTo(new[] { second.Address, TestKeys.Key("other-app").Address }), "newest first, the replaced key gone");
        Assert.That(_harness.Node.Runtime.SessionKeys.WalletFor(first.Address, DateTimeOffset.UtcNow), Is.Null);
        Assert.That(_harness.Node.Runtime.SessionKeys.Find(first.Address), Is.Null);
    }

    [Test]
    public async Task ReusingAnActiveKeyKeepsItsStoredSettings()
    {
        var key = TestKeys.Key("reuse");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "chess", allowances: [new Allowance("usdc", "5")]);
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "other", allowances: [new Allowance("usdc", "99")]);
        var keys = await ListAsync(_alice);
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That((string)keys[0]!["application"]!, Is.EqualTo("chess"));
        Assert.That(keys[0]!["allowances"]!.ToJsonString(), Does.Contain("\"allowance\":\"5\""));
    }

    [Test]
    public async Task KeyOfAnotherWalletIsRefused()
    {
        var key = TestKeys.Key("shared");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key);
        var bob = await _harness.ConnectAsync();
        var error = Assert.ThrowsAsync<RpcErrorException>(() => NodeHarness.AuthenticateAsync(bob, TestKeys.Bob, key));
        Assert.That(error!.ErrorText, Is.EqualTo("signer is already in use for another wallet"));
    }

    [Test]
    public async Task PaginationAppliesOnlyWhenPositive()
    {
        for (var i = 0; i < 3; i++) await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, TestKeys.Key("page-" + i), application: "app-" + i);
        Assert.That(await ListAsync(_alice), Has.Count.EqualTo(3));
        Assert.That(await ListAsync(_alice, new JsonObject { ["limit"] = 2 }), Has.Count.EqualTo(2));
        var skipped = await ListAsync(_alice, new JsonObject { ["offset"] = 2 });
        Assert.That(skipped.Select(k => (string)k!["session_key"]!), Is.EqualTo(new[] { TestKeys.Key("page-0").Address }));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(_alice, "get_session_keys", new JsonObject { ["limit"] = "2" })), Is.EqualTo("failed to parse parameters"));
    }

    [Test]
    public async Task WalletRevokesItsKeyWhichCanNeverBeRegisteredAgain()
    {
        var key = TestKeys.Key("revoke-me");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "chess");
        var reply = await RevokeAsync(key.Address, TestKeys.Alice);
        Assert.That(reply.RawParams, Is.EqualTo($"{{\"session_key\":\"{key.Address}\"}}"));
        Assert.That(await ListAsync(_alice), Is.Empty);
        Assert.That(_harness.Node.Runtime.SessionKeys.WalletFor(key.Address, DateTimeOffset.UtcNow), Is.Null);
        Assert.That(_harness.Node.Runtime.SessionKeys.Find(key.Address)!.Revoked, Is.True);

        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(key.Address, TestKeys.Alice)),
            Is.EqualTo("operation denied: provided address is not an active session key of this user"));
        var again = Assert.ThrowsAsync<RpcErrorException>(() => NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "chess"));
        Assert.That(again!.ErrorText, Is.EqualTo("session key already exists but is expired"));
        // The connection stays authenticated (spec README Q31).
        Assert.That((await NodeHarness.CallAsync(_alice, "get_session_keys", new JsonObject())).Method, Is.EqualTo("get_session_keys"));
    }

    [Test]
    public async Task RevocationPermissionMatrix()
    {
        var clearnodeKey = TestKeys.Key("full-power");
        var appKey = TestKeys.Key("app-only");
        var target = TestKeys.Key("target");
        var bobKey = TestKeys.Key("bob-key");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, clearnodeKey, application: "clearnode");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, appKey, application: "chess");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, target, application: "poker");
        var bob = await _harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(bob, TestKeys.Bob, bobKey, application: "chess");

        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(_alice, "revoke_session_key", new JsonObject())), Is.EqualTo("session_key parameter is required"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(_alice, "revoke_session_key", new JsonArray())), Is.EqualTo("failed to parse parameters"));
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(target.Address)), Is.EqualTo("missing participant signature"));
        var badSig = RpcFrames.Assemble(_alice.CreateRequest("revoke_session_key", new JsonObject { ["session_key"] = target.Address }), ["0x00"]);
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(_alice, badSig)), Is.EqualTo("failed to verify signer"));
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(target.Address, TestKeys.Bob)), Is.EqualTo("invalid signature"));
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(target.Address, bobKey)), Is.EqualTo("invalid signature"));
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(bobKey.Address, TestKeys.Alice)),
            Is.EqualTo("operation denied: provided address is not an active session key of this user"));
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(TestKeys.Carol.Address, TestKeys.Alice)),
            Is.EqualTo("operation denied: provided address is not an active session key of this user"));
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(target.Address, appKey)),
            Is.EqualTo("operation denied: insufficient permissions for the active session key"));

        Assert.That((await RevokeAsync(target.Address, clearnodeKey)).Method, Is.EqualTo("revoke_session_key"), "a clearnode key may revoke others");
        Assert.That((await RevokeAsync(appKey.Address, appKey)).Method, Is.EqualTo("revoke_session_key"), "any key may revoke itself");
        // A revoked key maps to itself, so its signature no longer counts as the wallet's.
        Assert.That(NodeHarness.ErrorOf(await RevokeAsync(clearnodeKey.Address, appKey)), Is.EqualTo("invalid signature"));
        Assert.That((await RevokeAsync(clearnodeKey.Address, clearnodeKey)).Method, Is.EqualTo("revoke_session_key"));
        Assert.That(await ListAsync(_alice), Is.Empty);
    }

    [Test]
    public async Task ExpiredKeyStopsMappingAndIsNotListed()
    {
        var clock = new ManualClock();
        await using var harness = await NodeHarness.StartAsync(null, clock);
        var client = await harness.ConnectAsync();
        var key = TestKeys.Key("short");
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, key, expiresAt: (ulong)clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds());
        Assert.That(harness.Node.Runtime.SessionKeys.WalletFor(key.Address, clock.GetUtcNow()), Is.EqualTo(TestKeys.Alice.Address));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That(harness.Node.Runtime.SessionKeys.WalletFor(key.Address, clock.GetUtcNow()), Is.Null);
        var keys = await NodeHarness.CallAsync(client, "get_session_keys", new JsonObject());
        Assert.That(keys.RawParams, Is.EqualTo("{\"session_keys\":[]}"));
        var again = Assert.ThrowsAsync<RpcErrorException>(() => NodeHarness.AuthenticateAsync(client, TestKeys.Alice, key,
            expiresAt: (ulong)clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds()));
        Assert.That(again!.ErrorText, Is.EqualTo("session key already exists but is expired"));
    }

    [Test]
    public async Task JwtReauthStillWorksAfterTheKeyWasRevoked()
    {
        var key = TestKeys.Key("jwt-revoked");
        var auth = await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "chess");
        Assert.That((await RevokeAsync(key.Address, TestKeys.Alice)).Method, Is.EqualTo("revoke_session_key"));
        var fresh = await _harness.ConnectAsync();
        var reply = await NodeHarness.CallAsync(fresh, "auth_verify", Requests.AuthVerifyJwt(auth.Jwt));
        Assert.That(reply.Method, Is.EqualTo("auth_verify"), "the key store is not consulted on the JWT path (spec §5.5)");
    }

    [Test]
    public async Task AllowanceUsageComesFromTheLedger()
    {
        _harness.Node.Credit(TestKeys.Alice.Address, "usdc", 100m);
        var key = TestKeys.Key("spender");
        await NodeHarness.AuthenticateAsync(_alice, TestKeys.Alice, key, application: "shop", allowances: [new Allowance("usdc", "30")]);
        var transfer = await NodeHarness.CallAsync(_alice, "transfer",
            Requests.Transfer(TestKeys.Bob.Address, [new TransferAllocation("usdc", "12.5")]), key);
        Assert.That(transfer.Method, Is.EqualTo("transfer"), transfer.Text);
        var keys = await ListAsync(_alice);
        Assert.That(keys[0]!["allowances"]!.ToJsonString(), Is.EqualTo("[{\"asset\":\"usdc\",\"allowance\":\"30\",\"used\":\"12.5\"}]"));
    }
}
