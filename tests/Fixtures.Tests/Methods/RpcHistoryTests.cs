using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Methods;

/// <summary><c>get_rpc_history</c> and <c>cleanup_session_key_cache</c> (clearnode-rpc.md §7).</summary>
[TestFixture]
public sealed class RpcHistoryTests
{
    [Test]
    public async Task TransferCallsAreRecordedWithSortedParamsBareResponseAndNormalisedSignatures()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions
        {
            InitialBalances = [new InitialBalance(TestKeys.Alice.Address, "usdc", 10m)],
        });
        var alice = await harness.ConnectAsync();
        var bob = await harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(alice, TestKeys.Alice, TestKeys.Key("hist-a"));
        await NodeHarness.AuthenticateAsync(bob, TestKeys.Bob, TestKeys.Key("hist-b"));

        var ok = await NodeHarness.CallAsync(alice, "transfer", Requests.Transfer(TestKeys.Bob.Address, [new TransferAllocation("usdc", "4")]), TestKeys.Alice);
        var failed = await NodeHarness.CallAsync(alice, "transfer", Requests.Transfer(TestKeys.Bob.Address, [new TransferAllocation("usdc", "400")]), TestKeys.Alice);
        Assert.That(NodeHarness.ErrorOf(failed), Does.StartWith("insufficient funds"));
        await NodeHarness.CallAsync(alice, "ping", Requests.Ping());

        var reply = await NodeHarness.CallAsync(alice, "get_rpc_history", new JsonObject());
        var entries = reply.Params!["rpc_entries"]!.AsArray();
        Assert.That(entries, Has.Count.EqualTo(2), "ping and auth are not history methods");
        var latest = entries[0]!.AsObject();
        Assert.That(latest.Select(p => p.Key), Is.EqualTo(new[] { "id", "sender", "req_id", "method", "params", "timestamp", "req_sig", "response", "res_sig" }));
        Assert.That((ulong)latest["req_id"]!, Is.EqualTo(failed.RequestId));
        Assert.That((string)latest["response"]!, Is.EqualTo(failed.RawArray));
        Assert.That((string)entries[1]!["response"]!, Is.EqualTo(ok.RawArray));
        Assert.That((string)latest["sender"]!, Is.EqualTo(TestKeys.Alice.Address));
        Assert.That((string)latest["params"]!, Is.EqualTo($"{{\"allocations\":[{{\"amount\":\"400\",\"asset\":\"usdc\"}}],\"destination\":\"{TestKeys.Bob.Address}\"}}"));
        var sig = (string)latest["req_sig"]![0]!;
        Assert.That(sig, Does.Match("^0x[0-9a-f]{128}0[01]$"), "v normalised to 0/1");
        Assert.That(latest["res_sig"]!.ToJsonString(), Is.EqualTo(latest["req_sig"]!.ToJsonString()));

        var asc = await NodeHarness.CallAsync(alice, "get_rpc_history", new JsonObject { ["sort"] = "asc", ["limit"] = 1 });
        Assert.That((ulong)asc.Params!["rpc_entries"]![0]!["req_id"]!, Is.EqualTo(ok.RequestId));
        var bobHistory = await NodeHarness.CallAsync(bob, "get_rpc_history", new JsonObject());
        Assert.That(bobHistory.RawParams, Is.EqualTo("{\"rpc_entries\":[]}"), "only the caller's own entries");
        var anonymous = await harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(anonymous, "get_rpc_history", new JsonObject())), Is.EqualTo("authentication required"));
    }

    [Test]
    public async Task TestModeEndpointIsDisabled()
    {
        await using var harness = await NodeHarness.StartAsync();
        var client = await harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "cleanup_session_key_cache", new JsonObject())), Is.EqualTo("test mode endpoints are disabled"));
    }

    [Test]
    public async Task GetChannelsIsAlwaysEmpty()
    {
        await using var harness = await NodeHarness.StartAsync();
        var client = await harness.ConnectAsync();
        Assert.That((await NodeHarness.CallAsync(client, "get_channels", new JsonObject { ["participant"] = TestKeys.Alice.Address })).RawParams,
            Is.EqualTo("{\"channels\":[]}"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(client, "get_channels", new JsonArray())), Is.EqualTo("failed to parse parameters"));
    }
}
