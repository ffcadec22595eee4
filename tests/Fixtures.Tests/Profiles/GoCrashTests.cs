using System.Net.WebSockets;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>
/// The two frames that crash the Go node (rpc_node.go ~l.170-173; signer.go ~l.131 via rpc_router_auth.go ~l.195):
/// under the Go profile the node dies in process too — no answer, every connection aborted, new ones refused until
/// <see cref="ReferenceNode.RestartAsync"/> — while the default profile answers them.
/// </summary>
[TestFixture]
public sealed class GoCrashTests
{
    private const string NilRequestFrame = "{\"req\":null,\"sig\":5}";

    private static Task<NodeHarness> StartAsync(NodeProfile profile)
    {
        var options = new ReferenceNodeOptions
        {
            Profile = profile,
            RandomSeed = 1,
            InitialBalances = [new InitialBalance(TestKeys.Alice.Address, "usdc", 100m)],
        };
        return NodeHarness.StartAsync(options);
    }

    private static async Task<RawSocket> ConnectRawAsync(ReferenceNode node)
    {
        var socket = await RawSocket.ConnectAsync(node.Url);
        Assert.That(await socket.ReceiveAsync(), Does.Contain("\"assets\""), "the on-connect push");
        return socket;
    }

    // auth_request for Alice, then the frame of an auth_verify for that challenge carrying a 64-byte signature.
    private static async Task<string> ShortSignatureVerifyAsync(NodeHarness harness, ClearNodeClient client)
    {
        var expiry = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var challenge = await NodeHarness.CallAsync(client, "auth_request",
            Requests.AuthRequest(TestKeys.Alice.Address, TestKeys.Key("crash-sk").Address, "clearnode", [], expiry, "console"));
        var token = (string)challenge.Params!["challenge_message"]!;
        return RpcFrames.Assemble(client.CreateRequest("auth_verify", Requests.AuthVerify(token)), ["0x" + new string('1', 128)]).Frame;
    }

    [Test]
    public async Task NullRequestDecodeErrorKillsTheNodeUntilRestarted()
    {
        await using var harness = await StartAsync(NodeProfile.GoV05);
        var node = harness.Node;
        var bystander = await ConnectRawAsync(node);
        var attacker = await ConnectRawAsync(node);

        await attacker.SendTextAsync(NilRequestFrame);
        var panic = await node.Crashed.WaitAsync(NodeHarness.Wait);

        Assert.That(panic.Panic, Is.EqualTo("runtime error: invalid memory address or nil pointer dereference"));
        Assert.That(panic.Message, Is.EqualTo("panic: runtime error: invalid memory address or nil pointer dereference (rpc_node.go ~l.170-173)"));
        Assert.That(node.HasCrashed, Is.True);
        Assert.That(await attacker.ReceiveAsync(), Is.Null, "no answer: the connection is dropped");
        Assert.That(await bystander.ReceiveAsync(), Is.Null, "every other connection is dropped too");
        await AssertRefusedAsync(node);
        await attacker.DisposeAsync();
        await bystander.DisposeAsync();

        await node.RestartAsync();
        Assert.That(node.HasCrashed, Is.False);
        Assert.That(node.Crashed.IsCompleted, Is.False, "a fresh crash signal after the restart");
        var client = await harness.ConnectAsync();
        var pong = await client.RequestAsync("ping", new JsonObject(), []);
        Assert.That(pong.Method, Is.EqualTo("pong"));
        Assert.That(node.Runtime.Ledger.UnifiedBalance(TestKeys.Alice.Address, "usdc"), Is.EqualTo(100m), "the ledger (Go's database) survives");
    }

    [Test]
    public async Task ShortAuthVerifySignatureKillsTheNode()
    {
        await using var harness = await StartAsync(NodeProfile.GoV05);
        var client = await harness.ConnectAsync();
        var frame = await ShortSignatureVerifyAsync(harness, client);
        Assert.That(harness.Node.Runtime.Challenges.Count, Is.EqualTo(1));

        await client.SendRawAsync(frame);
        var panic = await harness.Node.Crashed.WaitAsync(NodeHarness.Wait);

        Assert.That(panic.Panic, Is.EqualTo("runtime error: index out of range [64] with length 64"));
        Assert.That(panic.GoSource, Is.EqualTo("signer.go ~l.131 via rpc_router_auth.go ~l.195"));
        await AssertRefusedAsync(harness.Node);

        await harness.Node.RestartAsync();
        Assert.That(harness.Node.Runtime.Challenges.Count, Is.EqualTo(0), "challenges lived in the dead process's memory");
        var again = await harness.ConnectAsync();
        Assert.That((await again.RequestAsync("ping", new JsonObject(), [])).Method, Is.EqualTo("pong"));
    }

    [Test]
    public async Task TheDefaultProfileAnswersBothFramesAndStaysUp()
    {
        await using var harness = await StartAsync(NodeProfile.Default);
        var client = await harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.RawAsync(client, NilRequestFrame)), Is.EqualTo("invalid message format"));
        var frame = await ShortSignatureVerifyAsync(harness, client);
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.RawAsync(client, frame)), Is.EqualTo("invalid signature"));
        Assert.That(harness.Node.HasCrashed, Is.False);
        Assert.That((await client.RequestAsync("ping", new JsonObject(), [])).Method, Is.EqualTo("pong"));
    }

    private static async Task AssertRefusedAsync(ReferenceNode node)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(NodeHarness.Wait);
        Assert.That(async () => await socket.ConnectAsync(node.Url, timeout.Token), Throws.InstanceOf<WebSocketException>(),
            "the listener is closed");
    }
}
