using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Defects;

/// <summary>The envelope/auth defects are observable over the wire, and only on the instance that has them.</summary>
[TestFixture]
public sealed class NodeCoreDefectTests
{
    private static Task<NodeHarness> StartWithAsync(DefectId defect) =>
        NodeHarness.StartAsync(new ReferenceNodeOptions { Defects = new HashSet<DefectId> { defect } });

    [Test]
    public async Task ResponsesSignedByWrongKey()
    {
        await using var broken = await StartWithAsync(DefectId.ResponsesSignedByWrongKey);
        await using var healthy = await NodeHarness.StartAsync();
        var client = await broken.ConnectAsync(expectedBroker: "");
        var reply = await NodeHarness.CallAsync(client, "ping", Requests.Ping());
        Assert.That(NodeHarness.SignerOf(reply), Is.Not.EqualTo(broken.Node.BrokerAddress));
        var config = await NodeHarness.CallAsync(client, "get_config", Requests.GetConfig());
        Assert.That((string)config.Params!["broker_address"]!, Is.EqualTo(broken.Node.BrokerAddress), "the advertised broker stays the real one");

        var good = await healthy.ConnectAsync(expectedBroker: "");
        Assert.That(NodeHarness.SignerOf(await NodeHarness.CallAsync(good, "ping", Requests.Ping())), Is.EqualTo(healthy.Node.BrokerAddress));
    }

    [Test]
    public async Task StaleTimestampAccepted()
    {
        await using var broken = await StartWithAsync(DefectId.StaleTimestampAccepted);
        var client = await broken.ConnectAsync();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("stale"));
        var old = (ulong)DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        Assert.That((await NodeHarness.SendWithTimestampAsync(client, "get_session_keys", new JsonObject(), old)).Method, Is.EqualTo("get_session_keys"));

        await using var healthy = await NodeHarness.StartAsync();
        var control = await healthy.ConnectAsync();
        await NodeHarness.AuthenticateAsync(control, TestKeys.Alice, TestKeys.Key("stale"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.SendWithTimestampAsync(control, "get_session_keys", new JsonObject(), old)), Is.EqualTo("invalid message timestamp"));
    }

    [Test]
    public async Task AuthVerifyWrongSignerAccepted()
    {
        await using var broken = await StartWithAsync(DefectId.AuthVerifyWrongSignerAccepted);
        var client = await broken.ConnectAsync();
        var key = TestKeys.Key("impostor");
        var expiry = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var challengeReply = await NodeHarness.CallAsync(client, "auth_request",
            Requests.AuthRequest(TestKeys.Alice.Address, key.Address, "clearnode", [], expiry, "console"));
        var challenge = (string)challengeReply.Params!["challenge_message"]!;
        var bobSignature = Eip712Auth.Sign(TestKeys.Bob, "clearnode", new AuthPolicy(challenge, "console", TestKeys.Alice.Address, key.Address, expiry, []));
        var reply = await NodeHarness.SendAsync(client, RpcFrames.Assemble(client.CreateRequest("auth_verify", Requests.AuthVerify(challenge)), [bobSignature]));
        Assert.That(reply.Method, Is.EqualTo("auth_verify"), reply.Text);
        Assert.That((string)reply.Params!["address"]!, Is.EqualTo(TestKeys.Alice.Address), "Bob is now logged in as Alice");
    }

    [Test]
    public async Task ResponseSentTwice()
    {
        await using var broken = await StartWithAsync(DefectId.ResponseSentTwice);
        var client = await broken.ConnectAsync();
        var ping = await NodeHarness.CallAsync(client, "ping", Requests.Ping());
        // The copy is queued right behind the pong, so it has been read once the next answer is in.
        await NodeHarness.CallAsync(client, "get_config", Requests.GetConfig());
        var second = client.ProtocolViolations.OfType<DuplicateResponseException>().First();
        Assert.That((second.RequestId, second.Method, second.FirstResponse, second.Duplicate.Text), Is.EqualTo((ping.RequestId, "ping", ping.Text, ping.Text)));

        await using var healthy = await NodeHarness.StartAsync();
        var control = await healthy.ConnectAsync();
        await NodeHarness.CallAsync(control, "ping", Requests.Ping());
        await NodeHarness.CallAsync(control, "get_config", Requests.GetConfig());
        Assert.That(control.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task DefectsArePerInstance()
    {
        await using var broken = await StartWithAsync(DefectId.ResponsesSignedByWrongKey);
        await using var healthy = await NodeHarness.StartAsync();
        Assert.That(broken.Node.Runtime.Defects, Is.EquivalentTo(new[] { DefectId.ResponsesSignedByWrongKey }));
        Assert.That(healthy.Node.Runtime.Defects, Is.Empty);
    }
}
