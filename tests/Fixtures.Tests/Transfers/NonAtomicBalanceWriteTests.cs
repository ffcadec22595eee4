using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.Transfers;

/// <summary>
/// <c>non-atomic-balance-update</c>, made deterministic: the lock yield runs one transfer of another connection
/// (Bob → Carol 5) while Alice → Bob 10 is between its reads and its writes.
/// </summary>
public sealed class NonAtomicBalanceWriteTests
{
    private static MethodOutcome Transfer(IRpcMethodHandler handler, EthKey from, EthKey to, string amount, DateTimeOffset now)
    {
        var signed = RpcFrames.SignRequest(new RpcRequest(1, "transfer", Requests.Transfer(to.Address, [new TransferAllocation("usdc", amount)]), 1), [from]);
        return handler.Handle(new RpcCall(from.Address, 1, "transfer", JsonNode.Parse(signed.ReqJson)![2]!.DeepClone(), signed.ReqJson, signed.Signatures, now));
    }

    private static (LedgerHarness H, MethodOutcome Outcome, int Yields) Run(params DefectId[] defects)
    {
        var h = new LedgerHarness();
        foreach (var who in new[] { Alice, Bob, Carol }) h.State.Credit(who.Address, "usdc", 100m);
        IRpcMethodHandler? transfer = null;
        var yields = 0;
        void Interleave()
        {
            if (yields++ == 0) Assert.That(Transfer(transfer!, Bob, Carol, "5", h.Clock.Now).Error, Is.Null);
        }
        transfer = LedgerMethods.Create(h.State, h.Keys, h.Clock, defects.ToHashSet(), null, Interleave).Single(x => x.Method == "transfer");
        return (h, Transfer(transfer, Alice, Bob, "10", h.Clock.Now), yields);
    }

    [Test]
    public void The_interleaved_transfer_is_overwritten_and_money_appears()
    {
        var (h, outcome, yields) = Run(DefectId.NonAtomicBalanceUpdate);
        Assert.That(outcome.Error, Is.Null);
        Assert.That(yields, Is.EqualTo(2), "the outer transfer yields once, the interleaved one once more");
        // Bob's debit of 5 is lost: his balance is set to what Alice's transfer read (100) plus 10.
        Assert.That((h.Unified(Alice), h.Unified(Bob), h.Unified(Carol)), Is.EqualTo((90m, 110m, 105m)));
        Assert.That(h.State.ConservationViolations(), Is.EqualTo(new[] { "usdc" }));
        Assert.That(h.State.Transactions, Has.Count.EqualTo(2), "both transfers are still listed");
    }

    [Test]
    public void Without_the_defect_the_lock_is_never_yielded_and_value_is_conserved()
    {
        var (h, outcome, yields) = Run();
        Assert.That(outcome.Error, Is.Null);
        Assert.That(yields, Is.Zero);
        Assert.That((h.Unified(Alice), h.Unified(Bob), h.Unified(Carol)), Is.EqualTo((90m, 110m, 100m)));
        Assert.That(h.State.ConservationViolations(), Is.Empty);
    }
}
