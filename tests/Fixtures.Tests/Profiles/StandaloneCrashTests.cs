using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>The standalone node started with <c>--profile go-v0.5</c> exits non-zero (2, as a Go panic does) on each crash frame.</summary>
[TestFixture]
[NonParallelizable]
public sealed class StandaloneCrashTests
{
    [Test]
    public async Task NullRequestFrameEndsTheProcessWithExitCode2()
    {
        await using var node = await ReferenceNodeProcess.StartAsync(["--profile", "go-v0.5"]);
        Assert.That(node.StdOut, Does.Contain("profile: go-v0.5"));
        await using (var socket = await RawSocket.ConnectAsync(node.Url))
        {
            await socket.SendTextAsync("{\"req\":null,\"sig\":5}");
            Assert.That(await node.WaitForExitAsync(), Is.EqualTo(2), node.StdErr);
        }
        Assert.That(node.StdErr, Does.Contain("panic: runtime error: invalid memory address or nil pointer dereference (rpc_node.go ~l.170-173)"));
    }

    [Test]
    public async Task ShortAuthVerifySignatureEndsTheProcessWithExitCode2()
    {
        await using var node = await ReferenceNodeProcess.StartAsync(["--profile", "go-v0.5"]);
        var options = new ClearNodeClientOptions { RequestTimeout = ReferenceNodeProcess.Wait };
        using var connect = new CancellationTokenSource(ReferenceNodeProcess.Wait);
        await using (var client = await ClearNodeClient.ConnectAsync(node.Url, options, connect.Token))
        {
            var expiry = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            var challenge = await client.RequestAsync("auth_request",
                Requests.AuthRequest(TestKeys.Alice.Address, TestKeys.Key("standalone-sk").Address, "clearnode", [], expiry, "console"), []);
            var verify = RpcFrames.Assemble(client.CreateRequest("auth_verify", Requests.AuthVerify((string)challenge.Params!["challenge_message"]!)),
                ["0x" + new string('1', 128)]);
            await client.SendRawAsync(verify.Frame);
            Assert.That(await node.WaitForExitAsync(), Is.EqualTo(2), node.StdErr);
        }
        Assert.That(node.StdErr, Does.Contain("panic: runtime error: index out of range [64] with length 64 (signer.go ~l.131 via rpc_router_auth.go ~l.195)"));
    }

    [Test]
    public async Task TheDefaultProfileSurvivesTheNullRequestFrame()
    {
        await using var node = await ReferenceNodeProcess.StartAsync([]);
        await using var socket = await RawSocket.ConnectAsync(node.Url);
        await socket.SendTextAsync("{\"req\":null,\"sig\":5}");
        Assert.That(await socket.ReceiveContainingAsync("\"error\""), Does.Contain("invalid message format"));
        Assert.That(node.StdErr, Is.Empty);
    }
}
