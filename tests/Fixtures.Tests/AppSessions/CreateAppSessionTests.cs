using NUnit.Framework;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.AppSessions;

public sealed class CreateAppSessionTests
{
    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        _h.State.Credit(Alice.Address, "usdc", 1000m);
        _h.State.Credit(Bob.Address, "usdc", 1000m);
    }

    private MethodOutcomeView Create(AppDefinition d, AppAllocation[] allocations, params EthKey[] signers) =>
        new(_h.Call("create_app_session", Requests.CreateAppSession(d, allocations), Alice, signers));

    [Test]
    public void WorkedExampleD_SessionKeySignedCreate_FromTheSpec()
    {
        var alice = EthKey.FromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        var aliceKey = EthKey.FromHex("0x60d7995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        var h = new LedgerHarness();
        h.State.Credit(alice.Address, "usdc", 100m);
        h.Keys.Add(aliceKey, alice.Address, "clearnode");
        const string raw = "[1002,\"create_app_session\",{\"definition\":{\"application\":\"clearnode\",\"protocol\":\"NitroRPC/0.4\",\"participants\":[\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\",\"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\"],\"weights\":[100,0],\"quorum\":100,\"challenge\":0,\"nonce\":1700000000000},\"allocations\":[{\"participant\":\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\",\"asset\":\"usdc\",\"amount\":\"100\"},{\"participant\":\"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\",\"asset\":\"usdc\",\"amount\":\"0\"}],\"session_data\":\"{\\\"gameState\\\":\\\"waiting\\\"}\"},1700000000000]";
        const string sig = "0x991209a6600f4223f94e0c2c09d04200988c78c5f9b49020bde0083aa68c30b303599a9bb8eb3f6544c22889736569e7372d97a75ebe53f39ec443450fdfb42c1b";

        var outcome = h.CallRaw("create_app_session", raw, [sig], alice.Address);

        const string id = "0x19be8b535a3ed6f2f3e8e6dfe685c33418ac7c43707170d26cfaa32c7da1b12a";
        Assert.That(outcome.Error, Is.Null);
        Assert.That(Json(outcome.Result), Is.EqualTo(
            "{\"app_session_id\":\"" + id + "\",\"application\":\"\",\"status\":\"open\",\"participants\":null,\"protocol\":\"\",\"challenge\":0,\"weights\":null,\"quorum\":0,\"version\":1,\"nonce\":0,\"created_at\":\"\",\"updated_at\":\"\"}"));
        Assert.That(h.State.UnifiedBalance(alice.Address, "usdc"), Is.EqualTo(0m));
        Assert.That(h.State.Balance(id, alice.Address, "usdc"), Is.EqualTo(100m));
        Assert.That(h.State.SessionKeyUsage(aliceKey.Address, "usdc"), Is.EqualTo(100m));
        Assert.That(h.State.FindAppSession(id)!.SessionData, Is.EqualTo("{\"gameState\":\"waiting\"}"));
        Assert.That(outcome.Notifications.Select(n => (n.Wallet, n.Method)), Is.EqualTo(new[] { (alice.Address, "bu"), (alice.Address, "bu") }));
        Assert.That(Json(outcome.Notifications[0].Payload), Is.EqualTo("{\"balance_updates\":[{\"asset\":\"usdc\",\"amount\":\"0\"}]}"));
    }

    [Test]
    public void BothParticipantsFundAndSign_GoSuccessfulCreateApplication()
    {
        var d = Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 2);
        var o = Create(d, [A(Alice, "100"), A(Bob, "200")], Alice, Bob);

        Assert.That(o.Error, Is.Null);
        var id = o.Id;
        Assert.That(id, Is.EqualTo(AppSessionId.Compute(d)));
        Assert.That(_h.Session(id).Version, Is.EqualTo(1));
        Assert.That(_h.Session(id).Status, Is.EqualTo("open"));
        Assert.That(_h.Unified(Alice), Is.EqualTo(900m));
        Assert.That(_h.Share(id, Alice), Is.EqualTo(100m));
        Assert.That(_h.Share(id, Bob), Is.EqualTo(200m));
        Assert.That(_h.State.Transactions.Count(t => t.Type == LedgerTransactionType.AppDeposit), Is.EqualTo(2));
        Assert.That(Pushes(o.Outcome), Is.EqualTo(new[] { "bu→alice", "bu→bob", "bu→alice" }));
        _h.AssertConserved();
    }

    [Test]
    public void ZeroAllocationNeedsNoSignatureAndWritesNoRow()
    {
        var o = Create(Definition(AppProtocols.V04, [Alice, Bob], [100, 0], 100), [A(Alice, "100"), A(Bob, "0")], Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.State.Balances(o.Id, Bob.Address), Is.Empty);
        Assert.That(Pushes(o.Outcome), Is.EqualTo(new[] { "bu→alice", "bu→alice" }));
    }

    [Test]
    public void NoPositiveAllocation_NeedsNoSignatureAtAll()
    {
        var o = Create(Definition(AppProtocols.V02, [Alice, Bob], [1, 1], 2), [A(Alice, "0")]);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Session(o.Id).Protocol, Is.EqualTo("NitroRPC/0.2"));
    }

    [TestCase("NitroRPC/0.3", "unsupported protocol: NitroRPC/0.3")]
    [TestCase("nitrorpc/0.4", "unsupported protocol: nitrorpc/0.4")]
    [TestCase("", "unsupported protocol: ")]
    public void A1_UnsupportedProtocol(string protocol, string error) =>
        AssertFails(Definition(protocol, [Alice, Bob], [1, 1], 1), error);

    [Test]
    public void A2_OneParticipant() =>
        AssertFails(Definition(AppProtocols.V04, [Alice], [1], 1), "invalid number of participants");

    [Test]
    public void A3_WeightsCountDiffers() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1], 1), "number of weights must be equal to participants");

    [Test]
    public void A4_ZeroNonce() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1, nonce: 0), "nonce is zero or not provided");

    [Test]
    public void A5_NegativeWeight_FirstOffenderReported() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob, Carol], [1, -1, -2], 0), $"participant {Bob.Address} weight cannot be negative");

    [Test]
    public void A6_QuorumAboveWeightSum_GoErrorQuorumExceedsTotalWeights() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [3, 5], 10), "target quorum (10) cannot be greater than total sum of weights (8)");

    [Test]
    public void A6_QuorumEqualToWeightSum_GoSuccessQuorumEqualsToTotalWeights()
    {
        var o = Create(Definition(AppProtocols.V04, [Alice, Bob], [3, 5], 8), [A(Alice, "100")], Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Session(o.Id).Version, Is.EqualTo(1));
    }

    [Test]
    public void ValidationOrder_ProtocolBeforeParticipantsBeforeNonce() =>
        AssertFails(Definition("x", [Alice], [1, 1], 9, nonce: 0), "unsupported protocol: x");

    [Test]
    public void B1_NegativeAllocation_GoErrorNegativeAllocation() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), "negative allocation: -50 for asset usdc", [A(Alice, "-50")], Alice);

    [Test]
    public void B2_FunderDidNotSign() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), $"missing signature for participant {Bob.Address}",
            [A(Alice, "100"), A(Bob, "100")], Alice);

    [Test]
    public void B2_LowercaseParticipantNeverMatchesASignature()
    {
        var lower = Alice.Address.ToLowerInvariant();
        var d = new AppDefinition("chess", AppProtocols.V04, [lower, Bob.Address], [1, 1], 1, 0, 1);
        var o = Create(d, [new AppAllocation(lower, "usdc", "10")], Alice);
        Assert.That(o.Error, Is.EqualTo($"missing signature for participant {lower}"));
    }

    [Test]
    public void B2_FirstFailingAllocationInArrayOrderWins() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), $"missing signature for participant {Bob.Address}",
            [A(Bob, "10"), A(Alice, "-1")], Alice);

    [Test]
    public void B4_ChallengedChannel_GoErrorChallengedChannel()
    {
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(true, 1, 0m));
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1),
            $"participant {Alice.Address} has challenged channels, cannot execute operation", [A(Alice, "10")], Alice);
    }

    [Test]
    public void B5_OnChainChannelFunds_GoErrorNonZeroChannelAllocation()
    {
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 1, 1m));
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1),
            $"operation denied: non-zero allocation in 1 channel(s) detected owned by wallet {Alice.Address}", [A(Alice, "10")], Alice);
    }

    [Test]
    public void B5_ChannelWithoutFundsIsFine()
    {
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 2, 0m));
        Assert.That(Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "10")], Alice).Error, Is.Null);
    }

    [Test]
    public void B6_InsufficientFunds_GoErrorInsufficientFunds() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), $"insufficient funds: {Alice.Address} for asset usdc",
            [A(Alice, "1000.000000000000000001")], Alice);

    [Test]
    public void B6_UnknownAssetHasZeroBalance() =>
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), $"insufficient funds: {Alice.Address} for asset doge",
            [A(Alice, "1", "doge")], Alice);

    [Test]
    public void B6_ExactBalanceIsEnough()
    {
        var o = Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "1000")], Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.State.UnifiedBalances(Alice.Address).Single().Amount, Is.EqualTo(0m));
    }

    [Test]
    public void FailureLaterInTheList_RollsBackEarlierDebits()
    {
        var before = _h.State.Entries.Count;
        AssertFails(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), $"insufficient funds: {Bob.Address} for asset usdc",
            [A(Alice, "100"), A(Bob, "5000")], Alice, Bob);
        Assert.That(_h.State.Entries, Has.Count.EqualTo(before));
        Assert.That(_h.State.Transactions, Is.Empty);
        Assert.That(_h.Unified(Alice), Is.EqualTo(1000m));
    }

    [Test]
    public void C_SameDefinitionTwice_FailsAndRollsBack()
    {
        var d = Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1);
        Assert.That(Create(d, [A(Alice, "10")], Alice).Error, Is.Null);
        AssertFails(d, "failed to create application session", [A(Alice, "10")], Alice);
        Assert.That(_h.Unified(Alice), Is.EqualTo(990m));
    }

    [Test]
    public void NonParticipantMayFundIfItSigns()
    {
        _h.State.Credit(Carol.Address, "usdc", 50m);
        var o = Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Carol, "50")], Carol);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Share(o.Id, Carol), Is.EqualTo(50m));
        Assert.That(Pushes(o.Outcome), Is.EqualTo(new[] { "bu→carol", "bu→alice" }));
    }

    [Test]
    public void SessionDataStoredNotEchoed_GoRouterSuccessfulCreateAppSession()
    {
        var d = Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 2);
        var o = new MethodOutcomeView(_h.Call("create_app_session", Requests.CreateAppSession(d, [A(Alice, "100"), A(Bob, "200")], "{\"s\":1}"), Alice, Alice, Bob));
        Assert.That(o.Error, Is.Null);
        Assert.That(o.Outcome.Result!.AsObject().ContainsKey("session_data"), Is.False);
        Assert.That(_h.Session(o.Id).SessionData, Is.EqualTo("{\"s\":1}"));
        Assert.That(_h.Unified(Alice), Is.EqualTo(900m));
        Assert.That(_h.Unified(Bob), Is.EqualTo(800m));
    }

    [Test]
    public void UnparsableParams()
    {
        foreach (var p in new JsonNode[]
        {
            new JsonArray(),
            JsonNode.Parse("{\"definition\":{\"quorum\":\"1\"}}")!,
            JsonNode.Parse("{\"definition\":{\"nonce\":1.5}}")!,
            JsonNode.Parse("{\"allocations\":[{\"amount\":\"\"}]}")!,
            JsonNode.Parse("{\"session_data\":{}}")!,
        })
        {
            var o = _h.Call("create_app_session", p, Alice);
            Assert.That(o.Error, Is.EqualTo("failed to parse parameters"), p.ToJsonString());
            Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice" }));
        }
    }

    [Test]
    public void UnrecoverableSignature()
    {
        var request = new RpcRequest(5, "create_app_session", Requests.CreateAppSession(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), []), 1);
        var good = RpcFrames.SignRequest(request, [Alice]);
        var o = _h.CallRaw("create_app_session", good.ReqJson, [good.Signatures[0], "0x" + new string('0', 130)], Alice.Address);
        Assert.That(o.Error, Is.EqualTo("failed to get signers from RPC message"));
    }

    [Test]
    public void KeysInAnotherOrderGiveTheSameId()
    {
        var d = Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1);
        var reordered = new JsonObject
        {
            ["allocations"] = new JsonArray(),
            ["definition"] = new JsonObject
            {
                ["nonce"] = d.Nonce, ["quorum"] = d.Quorum, ["weights"] = new JsonArray(1, 1), ["challenge"] = 0,
                ["participants"] = new JsonArray(Alice.Address, Bob.Address), ["protocol"] = d.Protocol, ["application"] = d.Application, ["extra"] = 1,
            },
        };
        var o = _h.Call("create_app_session", reordered, Alice);
        Assert.That(o.Result!["app_session_id"]!.GetValue<string>(), Is.EqualTo(AppSessionId.Compute(d)));
    }

    [Test]
    public void NonceAbove2Pow53_IsRoundedThroughADouble()
    {
        var raw = "{\"definition\":{\"application\":\"a\",\"protocol\":\"NitroRPC/0.4\",\"participants\":[\"" + Alice.Address + "\",\"" + Bob.Address
            + "\"],\"weights\":[1,1],\"quorum\":1,\"challenge\":0,\"nonce\":9007199254740993}}";
        var o = _h.Call("create_app_session", JsonNode.Parse(raw)!, Alice);
        var expected = AppSessionId.Compute(new AppDefinition("a", AppProtocols.V04, [Alice.Address, Bob.Address], [1, 1], 1, 0, 9007199254740992));
        Assert.That(o.Result!["app_session_id"]!.GetValue<string>(), Is.EqualTo(expected));
    }

    private void AssertFails(AppDefinition d, string error, AppAllocation[]? allocations = null, params EthKey[] signers)
    {
        var entries = _h.State.Entries.Count;
        var o = Create(d, allocations ?? [], signers);
        Assert.That(o.Error, Is.EqualTo(error));
        Assert.That(Pushes(o.Outcome), Is.EqualTo(new[] { "bu→alice" }), "a failed create pushes only the caller's balance");
        Assert.That(_h.State.Entries, Has.Count.EqualTo(entries));
        _h.AssertConserved();
    }
}

/// <summary>Shorthand over a create outcome.</summary>
internal sealed record MethodOutcomeView(Node.MethodOutcome Outcome)
{
    public string? Error => Outcome.Error;
    public string Id => Outcome.Result!["app_session_id"]!.GetValue<string>();
}
