using System.Text.Json.Nodes;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>
/// The Go profile's ledger-side items, each against the default profile: the two Go value bugs, the replay window,
/// ids that skip after a rolled-back write, and transfer results as the Go handler builds them.
/// </summary>
[TestFixture]
public sealed class GoLedgerProfileTests
{
    private static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(120);

    // Fixed orders, so that results can be compared byte for byte.
    private static readonly NodeBehaviour Go = new(GoFaithful: true, TimestampWindow, MapOrder.Fixed);

    private static LedgerHarness Harness(NodeBehaviour behaviour)
    {
        var h = new LedgerHarness(behaviour);
        h.State.Credit(Alice.Address, "usdc", 1000m);
        h.State.Credit(Bob.Address, "usdc", 1000m);
        return h;
    }

    private static string TwoParty(LedgerHarness h, params AppAllocation[] funding) =>
        h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), funding, Alice,
            funding.Select(f => f.Participant == Alice.Address ? Alice : Bob).Distinct().ToArray());

    private static JsonObject TransferParams(params (string Asset, string Amount)[] allocations) =>
        Requests.Transfer(Bob.Address, allocations.Select(a => new TransferAllocation(a.Asset, a.Amount)));

    [Test]
    public void OmittedParticipantKeepsItsShare()
    {
        var h = Harness(Go);
        var id = TwoParty(h, A(Alice, "60"), A(Bob, "40"));
        Assert.That(h.Close(id, [A(Alice, "100")], Alice, Alice).Error, Is.Null);
        Assert.That((h.Share(id, Bob), h.Unified(Alice)), Is.EqualTo((40m, 1040m)), "Go's value-creating bug");
        Assert.That(h.State.ConservationViolations(), Is.EqualTo(new[] { "usdc" }));

        var d = Harness(NodeBehaviour.Default);
        var did = TwoParty(d, A(Alice, "60"), A(Bob, "40"));
        Assert.That(d.Close(did, [A(Alice, "100")], Alice, Alice).Error, Is.Null);
        Assert.That(d.Share(did, Bob), Is.EqualTo(0m));
    }

    [Test]
    public void DuplicateAllocationsAreSummed()
    {
        var h = Harness(Go);
        var id = TwoParty(h, A(Alice, "100"));
        var o = h.Submit04(id, "operate", 2, [A(Alice, "50"), A(Alice, "50")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(h.Share(id, Alice), Is.EqualTo(50m), "the second entry overwrites the share, the sum passes the check");

        var d = Harness(NodeBehaviour.Default);
        var did = TwoParty(d, A(Alice, "100"));
        Assert.That(d.Submit04(did, "operate", 2, [A(Alice, "50"), A(Alice, "50")], Alice, Alice).Error,
            Is.EqualTo($"duplicate allocation for participant {Alice.Address} and asset usdc"));
    }

    [Test]
    public void ReplayWindowIsTheTimestampWindow()
    {
        var h = Harness(Go);
        var signed = RpcFrames.SignRequest(new RpcRequest(3, "transfer", TransferParams(("usdc", "10")), 1), [Alice]);
        Assert.That(h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
        h.Clock.Advance(TimeSpan.FromSeconds(90));
        Assert.That(h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error,
            Is.EqualTo("operation denied: the request has already been processed"));
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error,
            Is.EqualTo("operation denied: the request has already been processed"), "still inside 120 s");
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(h.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);

        var d = Harness(new NodeBehaviour(false, NodeBehaviour.DefaultReplayWindow, MapOrder.Fixed));
        Assert.That(d.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
        d.Clock.Advance(TimeSpan.FromSeconds(90));
        Assert.That(d.CallRaw("transfer", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null, "the default forgets after 60 s");
    }

    [Test]
    public void IdsSkipAfterARolledBackWrite()
    {
        foreach (var (behaviour, txId, entryIds) in new[] { (Go, 2L, new long[] { 5, 6 }), (NodeBehaviour.Default, 1L, new long[] { 3, 4 }) })
        {
            var h = Harness(behaviour);
            var failed = h.Call("transfer", TransferParams(("usdc", "10"), ("usdc", "5000")), Alice, Alice);
            Assert.That(failed.Error, Is.EqualTo($"insufficient funds: {Alice.Address} for asset usdc"));
            Assert.That(h.State.Entries.Select(e => e.Id), Is.EqualTo(new long[] { 1, 2 }), "the failed write left no rows");

            var ok = h.Call("transfer", TransferParams(("usdc", "1")), Alice, Alice);
            Assert.That(ok.Result!["transactions"]![0]!["id"]!.GetValue<long>(), Is.EqualTo(txId), behaviour.GoFaithful ? "go" : "default");
            Assert.That(h.State.Entries.Skip(2).Select(e => e.Id), Is.EqualTo(entryIds));
        }
    }

    [Test]
    public void TransferResultAndTrPushCarryTheRequestedAmountAndTheInsertTime()
    {
        var h = Harness(Go);
        h.Clock.Now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var o = h.Call("transfer", TransferParams(("usdc", "1.2345678901234567891")), Alice, Alice);
        Assert.That(o.Error, Is.Null);
        var tx = o.Result!["transactions"]![0]!;
        Assert.That((tx["amount"]!.GetValue<string>(), tx["created_at"]!.GetValue<string>()),
            Is.EqualTo(("1.2345678901234567891", "2025-06-01T12:00:00.1234567Z")));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice", "tr→alice", "bu→bob", "tr→bob", "bu→alice" }));
        Assert.That(Json(o.Notifications[1].Payload), Is.EqualTo(Json(o.Result)));
        Assert.That(Json(o.Notifications[3].Payload), Is.EqualTo(Json(o.Result)));

        // The stored row (what get_ledger_transactions reads back) is rounded to the column, in microseconds.
        var stored = h.Call("get_ledger_transactions", new JsonObject { ["account_id"] = Alice.Address }, Alice, Alice);
        var row = stored.Result!["ledger_transactions"]![0]!;
        Assert.That((row["amount"]!.GetValue<string>(), row["created_at"]!.GetValue<string>()),
            Is.EqualTo(("1.234567890123456789", "2025-06-01T12:00:00.123456Z")));

        var d = Harness(NodeBehaviour.Default);
        d.Clock.Now = h.Clock.Now;
        var dtx = d.Call("transfer", TransferParams(("usdc", "1.2345678901234567891")), Alice, Alice).Result!["transactions"]![0]!;
        Assert.That((dtx["amount"]!.GetValue<string>(), dtx["created_at"]!.GetValue<string>()),
            Is.EqualTo(("1.234567890123456789", "2025-06-01T12:00:00.123456Z")));
    }

    [Test]
    public void GoTimeFormatsTrimTrailingZeros()
    {
        var t = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.That(Fixtures.State.GoTime.Rfc3339NanoInMemory(t), Is.EqualTo("2025-06-01T12:00:00Z"));
        Assert.That(Fixtures.State.GoTime.Rfc3339NanoInMemory(t.AddTicks(5_000_000)), Is.EqualTo("2025-06-01T12:00:00.5Z"));
        Assert.That(Fixtures.State.GoTime.Rfc3339NanoInMemory(t.AddTicks(1)), Is.EqualTo("2025-06-01T12:00:00.0000001Z"));
    }
}
