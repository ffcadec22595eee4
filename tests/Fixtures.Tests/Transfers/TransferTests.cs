using System.Text.Json.Nodes;
using NUnit.Framework;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.Transfers;

public sealed class TransferTests
{
    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        _h.State.Credit(Alice.Address, "usdc", 1000m);
        _h.State.Credit(Alice.Address, "eth", 2m);
    }

    private static JsonObject Params(string? destination, params (string Asset, string Amount)[] allocations) =>
        Requests.Transfer(destination, allocations.Select(a => new TransferAllocation(a.Asset, a.Amount)));

    private Node.MethodOutcome Transfer(JsonObject p, EthKey caller, params EthKey[] signers) => _h.Call("transfer", p, caller, signers);

    [Test]
    public void Success_ResultPushesAndBalances()
    {
        var o = Transfer(Params(Bob.Address, ("usdc", "250.5"), ("eth", "1")), Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(Json(o.Result), Is.EqualTo(
            "{\"transactions\":[{\"id\":1,\"tx_type\":\"transfer\",\"from_account\":\"" + Alice.Address + "\",\"to_account\":\"" + Bob.Address
            + "\",\"asset\":\"usdc\",\"amount\":\"250.5\",\"created_at\":\"2025-06-01T12:00:00Z\"},{\"id\":2,\"tx_type\":\"transfer\",\"from_account\":\""
            + Alice.Address + "\",\"to_account\":\"" + Bob.Address + "\",\"asset\":\"eth\",\"amount\":\"1\",\"created_at\":\"2025-06-01T12:00:00Z\"}]}"));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice", "tr→alice", "bu→bob", "tr→bob", "bu→alice" }));
        Assert.That(Json(o.Notifications[1].Payload), Is.EqualTo(Json(o.Result)));
        Assert.That(Json(o.Notifications[2].Payload), Is.EqualTo("{\"balance_updates\":[{\"asset\":\"usdc\",\"amount\":\"250.5\"},{\"asset\":\"eth\",\"amount\":\"1\"}]}"));
        Assert.That((_h.Unified(Alice), _h.Unified(Bob), _h.Unified(Alice, "eth")), Is.EqualTo((749.5m, 250.5m, 1m)));
        _h.AssertConserved();
    }

    [Test]
    public void LowercaseDestinationIsCreditedUnderTheChecksumAccount()
    {
        var lower = Bob.Address.ToLowerInvariant();
        var o = Transfer(Params(lower, ("usdc", "1")), Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(o.Result!["transactions"]![0]!["to_account"]!.GetValue<string>(), Is.EqualTo(Bob.Address));
        Assert.That(_h.Unified(Bob), Is.EqualTo(1m));
        Assert.That(o.Notifications[2].Wallet, Is.EqualTo(lower), "pushes go to the destination string as sent");
    }

    [Test]
    public void Tags()
    {
        _h.Tags.Set(Alice.Address, "ALICE1");
        _h.Tags.Set(Bob.Address, "BOB2");
        var p = Requests.Transfer(null, [new TransferAllocation("usdc", "5")], "BOB2");
        var o = Transfer(p, Alice, Alice);
        Assert.That(o.Error, Is.Null);
        var tx = o.Result!["transactions"]![0]!;
        Assert.That((tx["from_account_tag"]!.GetValue<string>(), tx["to_account_tag"]!.GetValue<string>(), tx["to_account"]!.GetValue<string>()),
            Is.EqualTo(("ALICE1", "BOB2", Bob.Address)));
        Assert.That(Transfer(Requests.Transfer(null, [new TransferAllocation("usdc", "5")], "NOPE"), Alice, Alice).Error,
            Is.EqualTo("failed to get wallet by tag: NOPE"));
    }

    [Test]
    public void SameRawBytesWithinSixtySecondsAfterSuccess_AreRefused_GoDuplicateTransferRejected()
    {
        var signed = RpcFrames.SignRequest(new RpcRequest(3, "transfer", Params(Bob.Address, ("usdc", "10")), 1), [Alice]);
        Assert.That(_h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
        _h.Clock.Advance(TimeSpan.FromSeconds(60));
        var again = _h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address);
        Assert.That(again.Error, Is.EqualTo("operation denied: the request has already been processed"));
        Assert.That(Pushes(again), Is.EqualTo(new[] { "bu→alice" }));
        _h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(_h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
        Assert.That(_h.Unified(Bob), Is.EqualTo(20m));
    }

    [Test]
    public void FailedTransferIsNotRemembered()
    {
        var signed = RpcFrames.SignRequest(new RpcRequest(3, "transfer", Params(Bob.Address, ("usdc", "2000")), 1), [Alice]);
        Assert.That(_h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.EqualTo($"insufficient funds: {Alice.Address} for asset usdc"));
        _h.State.Credit(Alice.Address, "usdc", 1000m);
        Assert.That(_h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
    }

    [Test]
    public void ValidationOrder()
    {
        Assert.That(_h.Call("transfer", new JsonArray(), Alice, Alice).Error, Is.EqualTo("failed to parse parameters"));
        Assert.That(Transfer(Params(null, ("usdc", "1")), Alice, Alice).Error, Is.EqualTo("destination or destination_tag must be provided"));
        Assert.That(Transfer(Params("0x123", ("usdc", "1")), Alice, Alice).Error, Is.EqualTo("invalid destination account: 0x123"));
        Assert.That(Transfer(Params(Bob.Address), Alice, Alice).Error, Is.EqualTo("allocations cannot be empty"));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1")), Alice).Error, Is.EqualTo("missing participant signature"));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1")), Alice, Bob).Error, Is.EqualTo("invalid signature"));
        Assert.That(Transfer(Params(Alice.Address, ("usdc", "1")), Alice, Alice).Error, Is.EqualTo("cannot transfer to self"));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "0")), Alice, Alice).Error, Is.EqualTo("invalid allocation: 0 for asset usdc"));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "-3")), Alice, Alice).Error, Is.EqualTo("invalid allocation: -3 for asset usdc"));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1"), ("doge", "1")), Alice, Alice).Error, Is.EqualTo($"insufficient funds: {Alice.Address} for asset doge"));
        Assert.That(_h.Unified(Alice), Is.EqualTo(1000m), "the first allocation was rolled back");
        _h.AssertConserved();
    }

    [Test]
    public void UnrecoverableFirstSignature_GoErrorInvalidSignature()
    {
        var request = new RpcRequest(4, "transfer", Params(Bob.Address, ("usdc", "1")), 1);
        Assert.That(_h.CallRaw("transfer", request.ReqJson, ["0x00"], Alice.Address).Error, Is.EqualTo("failed to verify signer"));
    }

    [Test]
    public void OnlyTheFirstSignatureCounts()
    {
        var request = new RpcRequest(4, "transfer", Params(Bob.Address, ("usdc", "1")), 1);
        var signed = RpcFrames.SignRequest(request, [Alice]);
        Assert.That(_h.CallRaw("transfer", request.ReqJson, [signed.Signatures[0], "0x00"], Alice.Address).Error, Is.Null);
    }

    [Test]
    public void ChannelPreconditions_GoErrorNonZeroChannelAllocation()
    {
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 2, 1m));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1")), Alice, Alice).Error,
            Is.EqualTo($"operation denied: non-zero allocation in 2 channel(s) detected owned by wallet {Alice.Address}"));
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(true, 0, 0m));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1")), Alice, Alice).Error,
            Is.EqualTo($"participant {Alice.Address} has challenged channels, cannot execute operation"));
    }

    [Test]
    public void SessionKeyCapsApply_ApplicationDoesNot()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "some-game", ("usdc", 100m));
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "60")), Alice, AliceKey).Error, Is.Null);
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "60")), Alice, AliceKey).Error,
            Is.EqualTo("session key spending validation failed: operation denied: insufficient session key allowance: 60 required, 40 available"));
        Assert.That(Transfer(Params(Bob.Address, ("eth", "1")), Alice, AliceKey).Error,
            Is.EqualTo("session key spending validation failed: operation denied: asset eth not allowed in session key spending cap"));
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(60m));
    }

    [Test]
    public void RevokedKey_InvalidSignature()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "clearnode");
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1")), Alice, AliceKey).Error, Is.Null);
        _h.Keys.Revoke(AliceKey);
        Assert.That(Transfer(Params(Bob.Address, ("usdc", "1")), Alice, AliceKey).Error, Is.EqualTo("invalid signature"));
    }

    [Test]
    public void KeyMappedButRowMissing_SessionKeyValidationFailed()
    {
        var h = new LedgerHarness();
        h.State.Credit(Alice.Address, "usdc", 10m);
        var keys = new MapOnlyKeys(AliceKey.Address, Alice.Address);
        var handler = LedgerMethods.Create(h.State, keys, h.Clock, new HashSet<NitroConformance.Fixtures.Defects.DefectId>()).Single(x => x.Method == "transfer");
        var signed = RpcFrames.SignRequest(new RpcRequest(1, "transfer", Params(Bob.Address, ("usdc", "1")), 1), [AliceKey]);
        var o = handler.Handle(new Node.RpcCall(Alice.Address, 1, "transfer", JsonNode.Parse(signed.ReqJson)![2]!.DeepClone(), signed.ReqJson, signed.Signatures, h.Clock.Now));
        Assert.That(o.Error, Is.EqualTo($"session key validation failed: failed to retrieve session key {AliceKey.Address}: record not found"));
    }

    /// <summary>A directory whose cache maps a key that the store no longer has (the Go cache/DB split).</summary>
    private sealed class MapOnlyKeys(string key, string wallet) : Node.ISessionKeyDirectory
    {
        public string? WalletFor(string signer, DateTimeOffset now) => signer == key ? wallet : null;

        public Node.SessionKeyRecord? Find(string sessionKey) => null;
    }
}
