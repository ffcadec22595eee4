using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Relay;

/// <summary>The legacy <c>message</c> relay (docs/reference-node.md): off by default, exact forwarding rules when on.</summary>
[TestFixture]
public sealed class AppMessageRelayTests
{
    private static async Task<(NodeHarness Harness, ClearNodeClient Alice, ClearNodeClient Alice2, ClearNodeClient Bob, ClearNodeClient Carol, string SessionId)> SetUpAsync(bool relay)
    {
        var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions
        {
            AppMessageRelay = relay,
            InitialBalances = [new InitialBalance(TestKeys.Alice.Address, "usdc", 100m)],
        });
        var alice = await harness.ConnectAsync();
        var alice2 = await harness.ConnectAsync();
        var bob = await harness.ConnectAsync();
        var carol = await harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(alice, TestKeys.Alice, TestKeys.Key("relay-alice"));
        await NodeHarness.AuthenticateAsync(alice2, TestKeys.Alice, TestKeys.Key("relay-alice"));
        await NodeHarness.AuthenticateAsync(bob, TestKeys.Bob, TestKeys.Key("relay-bob"));
        await NodeHarness.AuthenticateAsync(carol, TestKeys.Carol, TestKeys.Key("relay-carol"));

        var definition = new AppDefinition("chess", "NitroRPC/0.4", [TestKeys.Alice.Address, TestKeys.Bob.Address], [50, 50], 100, 0, 42);
        var created = await NodeHarness.CallAsync(alice, "create_app_session",
            Requests.CreateAppSession(definition, [new AppAllocation(TestKeys.Alice.Address, "usdc", "10"), new AppAllocation(TestKeys.Bob.Address, "usdc", "0")]),
            TestKeys.Alice);
        Assert.That(created.Method, Is.EqualTo("create_app_session"), created.Text);
        await Task.Delay(100);
        return (harness, alice, alice2, bob, carol, (string)created.Params!["app_session_id"]!);
    }

    private static SignedRequest Message(ClearNodeClient client, string sid, params Protocol.Crypto.EthKey[] signers) =>
        RpcFrames.SignRequest(Requests.AppMessage(client.NextRequestId(), sid, new JsonObject { ["move"] = "e4" }, client.NowMs()), signers);

    [Test]
    public async Task RelayIsOffByDefault()
    {
        Assert.That(new ReferenceNodeOptions().AppMessageRelay, Is.False);
        var (harness, alice, _, bob, _, sid) = await SetUpAsync(relay: false);
        await using var _h = harness;
        var bobFrames = bob.Subscribe();
        var reply = await NodeHarness.SendAsync(alice, Message(alice, sid, TestKeys.Alice));
        Assert.That(NodeHarness.ErrorOf(reply), Is.EqualTo("unknown method: message"));
        await Task.Delay(200);
        Assert.That(bob.FrameLog.Count(f => f.Direction == FrameDirection.Inbound && f.Text.Contains("\"message\"")), Is.EqualTo(0));
    }

    [Test]
    public async Task MessageIsForwardedVerbatimToOtherParticipantsOnly()
    {
        var (harness, alice, alice2, bob, carol, sid) = await SetUpAsync(relay: true);
        await using var _h = harness;
        var request = Message(alice, sid, TestKeys.Key("relay-alice"));
        var reply = await NodeHarness.SendAsync(alice, request);

        Assert.That(reply.Method, Is.EqualTo("message"), reply.Text);
        Assert.That(reply.RawParams, Is.EqualTo($"{{\"app_session_id\":\"{sid}\",\"delivered\":1}}"));
        var forwarded = await bob.NextResponseAsync(NodeHarness.Wait);
        Assert.That(forwarded.Text, Is.EqualTo(request.Frame), "forwarded byte for byte, not re-signed");
        Assert.That(forwarded.Sid, Is.EqualTo(sid));
        await NodeHarness.CallAsync(carol, "ping", Requests.Ping());
        await NodeHarness.CallAsync(alice2, "ping", Requests.Ping());
        Assert.That(carol.FrameLog.Any(f => f.Direction == FrameDirection.Inbound && f.Text == request.Frame), Is.False, "non-participant");
        Assert.That(alice2.FrameLog.Any(f => f.Direction == FrameDirection.Inbound && f.Text == request.Frame), Is.False, "the sender's other connections are excluded too");
    }

    [Test]
    public async Task RelayChecks()
    {
        var (harness, alice, _, bob, carol, sid) = await SetUpAsync(relay: true);
        await using var _h = harness;
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(alice, Message(alice, sid))), Is.EqualTo("message must be signed by the sender"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(alice, Message(alice, sid, TestKeys.Bob))), Is.EqualTo("message must be signed by the sender"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(carol, Message(carol, sid, TestKeys.Carol))),
            Is.EqualTo($"sender is not a participant of app session {sid}"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(alice, Message(alice, "0xdead", TestKeys.Alice))), Is.EqualTo("app session not found: 0xdead"));
        var noSid = RpcFrames.SignRequest(alice.CreateRequest("message", new JsonObject()), [TestKeys.Alice]);
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(alice, noSid)), Is.EqualTo("missing app session id"));
        var anonymous = await harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(anonymous, Message(anonymous, sid, TestKeys.Alice))), Is.EqualTo("authentication required"));

        var closed = await NodeHarness.CallAsync(alice, "close_app_session",
            Requests.CloseAppSession(sid, [new AppAllocation(TestKeys.Alice.Address, "usdc", "10"), new AppAllocation(TestKeys.Bob.Address, "usdc", "0")]),
            TestKeys.Alice, TestKeys.Bob);
        Assert.That(closed.Method, Is.EqualTo("close_app_session"), closed.Text);
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendAsync(alice, Message(alice, sid, TestKeys.Alice))), Is.EqualTo($"app session is closed: {sid}"));
        await NodeHarness.CallAsync(bob, "ping", Requests.Ping());
        Assert.That(bob.FrameLog.Count(f => f.Direction == FrameDirection.Inbound && f.Text.StartsWith("{\"req\"", StringComparison.Ordinal)), Is.EqualTo(0), "nothing was relayed");
    }
}
