using NUnit.Framework;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Fixtures.Tests.AppSessions;

/// <summary>The app-session handlers behind the real node: push order on the wire and session-key signing.</summary>
public sealed class AppSessionWireTests
{
    private static string[] InboundMethodsSince(ClearNodeClient client, int from) =>
        client.FrameLog.Skip(from).Where(f => f.Direction == FrameDirection.Inbound)
            .Select(f => RpcFrameParser.Parse(f.Text).Method).ToArray();

    [Test]
    public async Task DepositPushesReachEveryoneInOrder_AndFailuresPushOnlyTheCallerBalance()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions
        {
            InitialBalances = [new InitialBalance(TestKeys.Alice.Address, "usdc", 500m), new InitialBalance(TestKeys.Bob.Address, "usdc", 500m)],
        });
        var alice = await harness.ConnectAsync();
        var bob = await harness.ConnectAsync();
        var aliceKey = TestKeys.Key("wire-alice");
        var bobKey = TestKeys.Key("wire-bob");
        await NodeHarness.AuthenticateAsync(alice, TestKeys.Alice, aliceKey);
        await NodeHarness.AuthenticateAsync(bob, TestKeys.Bob, bobKey);

        var definition = new AppDefinition("chess", "NitroRPC/0.4", [TestKeys.Alice.Address, TestKeys.Bob.Address], [1, 1], 2, 0, 99);
        var created = await NodeHarness.CallAsync(alice, "create_app_session",
            Requests.CreateAppSession(definition, [new AppAllocation(TestKeys.Alice.Address, "usdc", "100")]), aliceKey);
        Assert.That(created.Method, Is.EqualTo("create_app_session"), created.Text);
        var id = (string)created.Params!["app_session_id"]!;

        var bobAsu = bob.Subscribe("asu");
        var aliceMark = alice.FrameLog.Count;
        var deposit = await NodeHarness.CallAsync(alice, "submit_app_state",
            Requests.SubmitAppState(id, "deposit", 2, [new AppAllocation(TestKeys.Alice.Address, "usdc", "150")]), aliceKey, bobKey);
        Assert.That(deposit.Method, Is.EqualTo("submit_app_state"), deposit.Text);
        Assert.That(InboundMethodsSince(alice, aliceMark), Is.EqualTo(new[] { "bu", "asu", "bu", "submit_app_state" }));
        var pushed = await bobAsu.NextAsync(NodeHarness.Wait);
        Assert.That((ulong)pushed.Params!["app_session"]!["version"]!, Is.EqualTo(2UL));
        Assert.That(pushed.Params["participant_allocations"]!.ToJsonString(), Does.Contain("\"amount\":\"150\""));

        aliceMark = alice.FrameLog.Count;
        var stale = await NodeHarness.CallAsync(alice, "submit_app_state",
            Requests.SubmitAppState(id, "operate", 2, [new AppAllocation(TestKeys.Alice.Address, "usdc", "150")]), aliceKey, bobKey);
        Assert.That(NodeHarness.ErrorOf(stale), Is.EqualTo("incorrect app state: incorrect version: expected 3, got 2"));
        Assert.That(InboundMethodsSince(alice, aliceMark), Is.EqualTo(new[] { "bu", "error" }));

        var balances = await NodeHarness.CallAsync(alice, "get_ledger_balances", new System.Text.Json.Nodes.JsonObject { ["account_id"] = id });
        Assert.That(balances.Params!.ToJsonString(), Is.EqualTo("{\"ledger_balances\":[{\"asset\":\"usdc\",\"amount\":\"150\"}]}"));
    }
}
