using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Methods;

/// <summary>clearnode-rpc.md §7 public methods, broker signatures on every frame, and push delivery by exact wallet.</summary>
[TestFixture]
public sealed class PublicMethodTests
{
    private NodeHarness _harness = null!;
    private ClearNodeClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _harness = await NodeHarness.StartAsync(new ReferenceNodeOptions
        {
            Assets =
            [
                new NodeAsset("usdc", 6, 1, "0x00000000000000000000000000000000000000a1"),
                new NodeAsset("usdc", 6, 137, "0x00000000000000000000000000000000000000a2"),
                new NodeAsset("old", 2, 137, "0x00000000000000000000000000000000000000a3", Disabled: true),
            ],
        });
        _client = await _harness.ConnectAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    [Test]
    public async Task GetConfigReportsTheBrokerAndOneNetworkPerChain()
    {
        var reply = await NodeHarness.CallAsync(_client, "get_config", new JsonArray());
        Assert.That((string)reply.Params!["broker_address"]!, Is.EqualTo(_harness.Node.BrokerAddress));
        Assert.That(_harness.Node.BrokerAddress, Is.EqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        Assert.That(reply.Params["networks"]!.AsArray().Select(n => (uint)n!["chain_id"]!), Is.EqualTo(new uint[] { 1, 137 }));
    }

    [Test]
    public async Task GetAssetsListsConfigurationOrderIncludingDisabledAndFiltersByChain()
    {
        var all = await NodeHarness.CallAsync(_client, "get_assets", new JsonObject());
        Assert.That(all.Params!["assets"]!.AsArray().Select(a => $"{a!["symbol"]}@{a["chain_id"]}"), Is.EqualTo(new[] { "usdc@1", "usdc@137", "old@137" }));
        var polygon = await NodeHarness.CallAsync(_client, "get_assets", Requests.GetAssets(137));
        Assert.That(polygon.RawParams, Is.EqualTo(
            "{\"assets\":[{\"token\":\"0x00000000000000000000000000000000000000a2\",\"chain_id\":137,\"symbol\":\"usdc\",\"decimals\":6}," +
            "{\"token\":\"0x00000000000000000000000000000000000000a3\",\"chain_id\":137,\"symbol\":\"old\",\"decimals\":2}]}"));
        var none = await NodeHarness.CallAsync(_client, "get_assets", new JsonObject { ["chain_id"] = 5 });
        Assert.That(none.RawParams, Is.EqualTo("{\"assets\":[]}"));
        foreach (var bad in new JsonNode[] { new JsonArray(), new JsonObject { ["chain_id"] = "137" }, new JsonObject { ["chain_id"] = -1 }, new JsonObject { ["chain_id"] = 1.5 } })
            Assert.That(NodeHarness.ErrorOf(await NodeHarness.CallAsync(_client, "get_assets", bad)), Is.EqualTo("failed to parse parameters"), bad.ToJsonString());
    }

    [Test]
    public async Task EveryFrameOfASessionIsSignedByTheBroker()
    {
        var client = await _harness.ConnectAsync();
        await NodeHarness.CallAsync(client, "ping", Requests.Ping());
        await NodeHarness.CallAsync(client, "get_config", Requests.GetConfig());
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("sig-check"));
        await NodeHarness.CallAsync(client, "nope", new JsonObject());
        await NodeHarness.RawAsync(client, "{broken");
        await Task.Delay(100);
        var inbound = client.FrameLog.Where(f => f.Direction == FrameDirection.Inbound).ToList();
        Assert.That(inbound, Has.Count.GreaterThanOrEqualTo(8));
        foreach (var frame in inbound) Assert.That(NodeHarness.SignerOf(RpcFrameParser.Parse(frame.Text)), Is.EqualTo(_harness.Node.BrokerAddress), frame.Text);
        Assert.That(client.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task PushesReachEveryConnectionOfTheExactWalletOnly()
    {
        _harness.Node.Credit(TestKeys.Alice.Address, "usdc", 100m);
        var alice1 = await _harness.ConnectAsync();
        var alice2 = await _harness.ConnectAsync();
        var bob = await _harness.ConnectAsync();
        var stranger = await _harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(alice1, TestKeys.Alice, TestKeys.Key("push-a1"));
        await NodeHarness.AuthenticateAsync(alice2, TestKeys.Alice, TestKeys.Key("push-a1"));
        await NodeHarness.AuthenticateAsync(bob, TestKeys.Bob, TestKeys.Key("push-b"));
        await Task.Delay(100);
        var subs = new[] { alice1, alice2, bob, stranger }.Select(c => c.Subscribe("tr")).ToList();

        var reply = await NodeHarness.CallAsync(alice1, "transfer",
            Requests.Transfer(TestKeys.Bob.Address, [new TransferAllocation("usdc", "10")]), TestKeys.Alice);
        Assert.That(reply.Method, Is.EqualTo("transfer"), reply.Text);

        foreach (var sub in subs.Take(3)) Assert.That((await sub.NextAsync(NodeHarness.Wait)).RequestId, Is.EqualTo(0UL));
        await NodeHarness.CallAsync(stranger, "ping", Requests.Ping());
        Assert.That(subs[3].TryRead(out _), Is.False, "an unauthenticated connection gets no wallet pushes");
        // The caller's pushes precede its response.
        var methods = alice1.FrameLog.Where(f => f.Direction == FrameDirection.Inbound).Select(f => RpcFrameParser.Parse(f.Text).Method).ToList();
        Assert.That(methods.LastIndexOf("tr"), Is.LessThan(methods.LastIndexOf("transfer")));
    }
}
