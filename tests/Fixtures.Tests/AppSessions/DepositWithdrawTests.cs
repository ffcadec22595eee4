using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.AppSessions;

public sealed class DepositWithdrawTests
{
    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        foreach (var who in new[] { Alice, Bob, Carol })
        {
            _h.State.Credit(who.Address, "usdc", 1000m);
            _h.State.Credit(who.Address, "eth", 10m);
        }
    }

    private string TwoParty(ulong quorum = 2) =>
        _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], quorum), [A(Alice, "100"), A(Bob, "100")], Alice, Alice, Bob);

    private string ThreeParty() =>
        _h.Create(Definition(AppProtocols.V04, [Alice, Bob, Carol], [1, 1, 1], 2),
            [A(Alice, "100"), A(Bob, "100"), A(Carol, "100"), A(Alice, "1", "eth"), A(Bob, "1", "eth")], Alice, Alice, Bob, Carol);

    [Test]
    public void Deposit_MultipleParticipantsAndAssets_GoMultipleParticipantsTokens()
    {
        var id = ThreeParty();
        var deposits = _h.State.Transactions.Count;
        var o = _h.Submit04(id, "deposit", 2,
            [A(Alice, "150"), A(Bob, "120"), A(Carol, "100"), A(Alice, "3", "eth"), A(Carol, "2", "eth")], Alice, Alice, Bob, Carol);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Unified(Alice), Is.EqualTo(850m));
        Assert.That(_h.Unified(Bob), Is.EqualTo(880m));
        Assert.That(_h.Unified(Alice, "eth"), Is.EqualTo(7m));
        Assert.That(_h.Unified(Carol, "eth"), Is.EqualTo(8m));
        Assert.That(_h.State.Transactions.Count - deposits, Is.EqualTo(4));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice", "bu→bob", "bu→carol", "asu→alice", "asu→bob", "asu→carol", "bu→alice" }));
        _h.AssertConserved();
    }

    [Test]
    public void Deposit_NoIncrease_GoNonIncreasedAllocationError() =>
        AssertFails(TwoParty(), "deposit", [A(Alice, "100"), A(Bob, "100")], "incorrect deposit request: non-positive allocations sum delta", Alice, Bob);

    [Test]
    public void Deposit_EmptyList() =>
        AssertFails(TwoParty(), "deposit", [], "incorrect deposit request: non-positive allocations sum delta", Alice, Bob);

    [Test]
    public void Deposit_DeltaAboveBalance_GoInsufficientBalanceError()
    {
        var id = TwoParty();
        AssertFails(id, "deposit", [A(Alice, "1000.5")], "incorrect deposit request: insufficient unified balance", Alice, Bob);
    }

    [Test]
    public void Deposit_Decrease_GoDecreasedAllocationError() =>
        AssertFails(TwoParty(), "deposit", [A(Alice, "80")], $"incorrect deposit request: decreased allocation for participant {Alice.Address}", Alice, Bob);

    [Test]
    public void Deposit_DecreaseCheckedBeforeAnyIncrease() =>
        AssertFails(TwoParty(), "deposit", [A(Alice, "150"), A(Bob, "90")], $"incorrect deposit request: decreased allocation for participant {Bob.Address}", Alice, Bob);

    [Test]
    public void Deposit_NegativeAmountIsADecrease() =>
        AssertFails(TwoParty(), "deposit", [A(Carol, "-1")], $"incorrect deposit request: decreased allocation for participant {Carol.Address}", Alice, Bob);

    [Test]
    public void Deposit_ToNonParticipant() =>
        AssertFails(TwoParty(), "deposit", [A(Carol, "1")], $"allocation to non-participant {Carol.Address}", Alice, Bob);

    [Test]
    public void Deposit_NoQuorumEvenWithDepositorSignature_GoErrorNoQuorum() =>
        AssertFails(TwoParty(), "deposit", [A(Alice, "150")], "incorrect deposit request: quorum not reached: 1 / 2", Alice);

    [Test]
    public void Deposit_OnlyOtherParticipantSigns_GoErrorNoQuorumNoDepositorSignature() =>
        AssertFails(TwoParty(), "deposit", [A(Alice, "150")], "incorrect deposit request: quorum not reached: 1 / 2", Bob);

    [Test]
    public void Deposit_DeltaAboveSmallBalance_GoInsufficientBalanceError()
    {
        var h = new LedgerHarness();
        h.State.Credit(Alice.Address, "usdc", 130m);
        var id = h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "100")], Alice, Alice);
        Assert.That(h.Submit04(id, "deposit", 2, [A(Alice, "150")], Alice, Alice).Error, Is.EqualTo("incorrect deposit request: insufficient unified balance"));
    }

    [Test]
    public void Deposit_QuorumWithoutDepositor_GoErrorQuorumReachedNoDepositorSignature()
    {
        var id = ThreeParty();
        AssertFails(id, "deposit", [A(Alice, "150")], "incorrect deposit request: depositor signature is required", Bob, Carol);
    }

    [Test]
    public void Deposit_ThroughSessionKey_GoSuccessQuorumReachedWithSessionKey()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "chess", ("usdc", 500m));
        var id = ThreeParty();
        var o = _h.Submit04(id, "deposit", 2, [A(Alice, "200")], Alice, AliceKey, Bob, Carol);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(100m));
    }

    [Test]
    public void Deposit_BalanceCheckedBeforeAllowance()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "chess", ("usdc", 1m));
        var id = TwoParty();
        AssertFails(id, "deposit", [A(Alice, "5000")], "incorrect deposit request: insufficient unified balance", AliceKey, Bob);
        AssertFails(id, "deposit", [A(Alice, "150")],
            "session key spending validation failed: operation denied: insufficient session key allowance: 50 required, 1 available", AliceKey, Bob);
    }

    [Test]
    public void Deposit_SequenceOfDeposits_GoMultipleDepositsSuccess()
    {
        var id = TwoParty();
        Assert.That(_h.Submit04(id, "deposit", 2, [A(Alice, "150")], Alice, Alice, Bob).Error, Is.Null);
        Assert.That(_h.Unified(Alice), Is.EqualTo(850m));
        Assert.That(_h.Submit04(id, "deposit", 3, [A(Alice, "175")], Alice, Alice, Bob).Error, Is.Null);
        Assert.That(_h.Unified(Alice), Is.EqualTo(825m));
        AssertFails(id, "deposit", [A(Alice, "175")], "incorrect deposit request: non-positive allocations sum delta", Alice, Bob);
        Assert.That(_h.Session(id).Version, Is.EqualTo(3));
    }

    [Test]
    public void Deposit_DepositorWithChannelFunds_GoErrorNonZeroChannelAllocation()
    {
        var id = TwoParty();
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 1, 7m));
        AssertFails(id, "deposit", [A(Alice, "150")], $"operation denied: non-zero allocation in 1 channel(s) detected owned by wallet {Alice.Address}", Alice, Bob);
    }

    [Test]
    public void Deposit_ChallengedDepositor()
    {
        var id = TwoParty();
        _h.State.SetChannelCondition(Bob.Address, new ChannelCondition(true, 1, 0m));
        AssertFails(id, "deposit", [A(Bob, "150")], $"participant {Bob.Address} has challenged channels, cannot execute operation", Alice, Bob);
    }

    [Test]
    public void Deposit_NewAsset()
    {
        var id = TwoParty();
        Assert.That(_h.Submit04(id, "deposit", 2, [A(Bob, "2.5", "eth")], Alice, Alice, Bob).Error, Is.Null);
        Assert.That(_h.Share(id, Bob, "eth"), Is.EqualTo(2.5m));
    }

    [Test]
    public void Withdraw_Basic_GoBasicWithdrawalSuccess()
    {
        var id = TwoParty();
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 1, 3m));
        var o = _h.Submit04(id, "withdraw", 2, [A(Alice, "50")], Alice, Alice, Bob);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Unified(Alice), Is.EqualTo(950m));
        Assert.That(_h.Share(id, Alice), Is.EqualTo(50m));
        var tx = _h.State.Transactions.Last();
        Assert.That((tx.Type, tx.FromAccount, tx.ToAccount, tx.Amount), Is.EqualTo((LedgerTransactionType.AppWithdrawal, id, Alice.Address, 50m)));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice", "asu→alice", "asu→bob", "bu→alice" }));
        _h.AssertConserved();
    }

    [Test]
    public void Withdraw_WithdrawerNeedNotSign()
    {
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 0], 1), [A(Alice, "100"), A(Bob, "100")], Alice, Alice, Bob);
        Assert.That(_h.Submit04(id, "withdraw", 2, [A(Bob, "0")], Alice, Alice).Error, Is.Null);
        Assert.That(_h.Unified(Bob), Is.EqualTo(1000m));
    }

    [Test]
    public void Withdraw_MultipleParticipantsAndAssets_GoMultipleParticipantsMultipleTokens()
    {
        var id = ThreeParty();
        var before = _h.State.Transactions.Count;
        var o = _h.Submit04(id, "withdraw", 2, [A(Alice, "0"), A(Bob, "50"), A(Alice, "0.5", "eth"), A(Bob, "0", "eth"), A(Carol, "100")], Alice, Alice, Bob);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.State.Transactions.Count - before, Is.EqualTo(4));
        Assert.That(_h.Unified(Alice, "eth"), Is.EqualTo(9.5m));
        Assert.That(Pushes(o).Count(p => p.StartsWith("asu")), Is.EqualTo(3));
    }

    [Test]
    public void Withdraw_NoDecrease_GoNonDecreasedAllocationError() =>
        AssertFails(TwoParty(), "withdraw", [A(Alice, "100")], "incorrect withdrawal request: non-negative allocations sum delta", Alice, Bob);

    [Test]
    public void Withdraw_Increase_GoIncreasedAllocationError() =>
        AssertFails(TwoParty(), "withdraw", [A(Alice, "50"), A(Bob, "120")], $"incorrect withdrawal request: increased allocation for participant {Bob.Address}", Alice, Bob);

    [Test]
    public void Withdraw_Negative() =>
        AssertFails(TwoParty(), "withdraw", [A(Alice, "-1")], "negative allocation: -1 for asset usdc", Alice, Bob);

    [Test]
    public void Withdraw_QuorumNotReached_GoQuorumNotReachedError()
    {
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob, Carol], [1, 1, 1], 3), [A(Alice, "100")], Alice, Alice);
        AssertFails(id, "withdraw", [A(Alice, "50")], "incorrect withdrawal request: quorum not reached: 2 / 3", Alice, Bob);
    }

    [Test]
    public void Withdraw_DoesNotRestoreSpendingCap()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "chess", ("usdc", 500m));
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 0], 1), [A(Alice, "300")], Alice, AliceKey);
        Assert.That(_h.Submit04(id, "withdraw", 2, [A(Alice, "200")], Alice, AliceKey).Error, Is.Null);
        Assert.That(_h.Unified(Alice), Is.EqualTo(800m));
        AssertFails(id, "deposit", [A(Alice, "500")],
            "session key spending validation failed: operation denied: insufficient session key allowance: 300 required, 200 available", AliceKey);
    }

    [Test]
    public void LifecycleV04_SpecSection8()
    {
        var h = new LedgerHarness();
        const string asset = "yintegration.usd";
        h.State.Credit(Alice.Address, asset, 1000m);
        h.State.Credit(Bob.Address, asset, 1000m);
        h.Keys.Add(AliceKey, Alice.Address, "clearnode");
        var id = h.Create(Definition(AppProtocols.V04, [Alice, Bob], [100, 0], 100), [A(Alice, "100", asset), A(Bob, "0", asset)], Alice, AliceKey);
        void Step(string intent, ulong version, string alice, string bob, decimal au, decimal bu, decimal ash, decimal bsh)
        {
            var o = h.Submit04(id, intent, version, [A(Alice, alice, asset), A(Bob, bob, asset)], Alice, AliceKey);
            Assert.That(o.Error, Is.Null, $"{intent} v{version}");
            Assert.That((h.Unified(Alice, asset), h.Unified(Bob, asset), h.Share(id, Alice, asset), h.Share(id, Bob, asset)), Is.EqualTo((au, bu, ash, bsh)));
        }
        Step("operate", 2, "75", "25", 900m, 1000m, 75m, 25m);
        Step("operate", 3, "50", "50", 900m, 1000m, 50m, 50m);
        // Bob's deposit needs Bob's signature; the integration suite's deposit only raises Alice here.
        Step("deposit", 4, "100", "50", 850m, 1000m, 100m, 50m);
        Step("withdraw", 5, "75", "50", 875m, 1000m, 75m, 50m);
        var close = h.Close(id, [A(Alice, "0", asset), A(Bob, "125", asset)], Alice, AliceKey);
        Assert.That(close.Error, Is.Null);
        Assert.That(close.Result!["version"]!.GetValue<ulong>(), Is.EqualTo(6));
        Assert.That((h.Unified(Alice, asset), h.Unified(Bob, asset), h.Share(id, Alice, asset), h.Share(id, Bob, asset)), Is.EqualTo((875m, 1125m, 0m, 0m)));
        Assert.That(h.Session(id).Status, Is.EqualTo("closed"));
        h.AssertConserved();
    }

    [Test]
    public void LifecycleV02_SpecSection8()
    {
        var id = _h.Create(Definition(AppProtocols.V02, [Alice, Bob], [100, 0], 100), [A(Alice, "100"), A(Bob, "0")], Alice, Alice);
        Assert.That(_h.Submit02(id, [A(Alice, "50"), A(Bob, "50")], Alice, Alice).Result!["version"]!.GetValue<ulong>(), Is.EqualTo(2));
        var close = _h.Close(id, [A(Alice, "0"), A(Bob, "100")], Alice, Alice);
        Assert.That(close.Result!["version"]!.GetValue<ulong>(), Is.EqualTo(3));
        Assert.That((_h.Unified(Alice), _h.Unified(Bob)), Is.EqualTo((900m, 1100m)));
    }

    private void AssertFails(string id, string intent, AppAllocation[] allocations, string error, params Protocol.Crypto.EthKey[] signers)
    {
        var entries = _h.State.Entries.Count;
        var session = _h.Session(id);
        var version = session.Version;
        var o = _h.Submit04(id, intent, version + 1, allocations, Alice, signers);
        Assert.That(o.Error, Is.EqualTo(error));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice" }));
        Assert.That(_h.State.Entries, Has.Count.EqualTo(entries));
        Assert.That(session.Version, Is.EqualTo(version));
        _h.AssertConserved();
    }
}
