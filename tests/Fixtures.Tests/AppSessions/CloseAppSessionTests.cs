using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.AppSessions;

public sealed class CloseAppSessionTests
{
    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        foreach (var who in new[] { Alice, Bob, Carol }) _h.State.Credit(who.Address, "usdc", 1000m);
    }

    private string Funded(string protocol = AppProtocols.V02) =>
        _h.Create(Definition(protocol, [Alice, Bob], [100, 0], 100), [A(Alice, "100"), A(Bob, "200")], Alice, Alice, Bob);

    [Test]
    public void Close_SameSplit_GoSuccessfulCloseApplication()
    {
        var id = Funded();
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 1, 9m));
        var o = _h.Close(id, [A(Alice, "100"), A(Bob, "200")], Carol, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(Json(o.Result), Is.EqualTo("{\"app_session_id\":\"" + id + "\",\"application\":\"\",\"status\":\"closed\",\"participants\":null,\"protocol\":\"\",\"challenge\":0,\"weights\":null,\"quorum\":0,\"version\":2,\"nonce\":0,\"created_at\":\"\",\"updated_at\":\"\"}"));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice", "bu→bob", "bu→carol" }));
        Assert.That((_h.Unified(Alice), _h.Unified(Bob)), Is.EqualTo((1000m, 1000m)));
        Assert.That((_h.Share(id, Alice), _h.Share(id, Bob)), Is.EqualTo((0m, 0m)));
        Assert.That(_h.State.Transactions.Count(t => t.Type == LedgerTransactionType.AppWithdrawal), Is.EqualTo(2));
        Assert.That(_h.Session(id).Status, Is.EqualTo("closed"));
        _h.AssertConserved();
    }

    [Test]
    public void Close_ZeroSessionZeroAllocations_GoSuccessfulCloseApplicationWithZeroAllocation()
    {
        var id = _h.Create(Definition(AppProtocols.V02, [Alice, Bob], [100, 0], 100), [], Alice);
        var o = _h.Close(id, [A(Alice, "0"), A(Bob, "0")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Session(id).Version, Is.EqualTo(2));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice" }), "only the caller's balance push");
        Assert.That(_h.State.Transactions.Count(t => t.Type == LedgerTransactionType.AppWithdrawal && t.Amount == 0m), Is.EqualTo(2));
    }

    [Test]
    public void Close_AfterSubmit_GoRouterSuccessfulCloseAppSession()
    {
        var h = new LedgerHarness();
        h.State.Credit(Alice.Address, "usdc", 200m);
        h.State.Credit(Bob.Address, "usdc", 300m);
        var id = h.Create(Definition(AppProtocols.V02, [Alice, Bob], [100, 0], 100), [A(Alice, "200"), A(Bob, "300")], Alice, Alice, Bob);
        Assert.That(h.Submit02(id, [A(Alice, "200"), A(Bob, "300")], Alice, Alice).Error, Is.Null);
        var o = h.Close(id, [A(Alice, "250"), A(Bob, "250")], Alice, Alice);
        Assert.That(o.Result!["version"]!.GetValue<ulong>(), Is.EqualTo(3));
        Assert.That((h.Unified(Alice), h.Unified(Bob)), Is.EqualTo((250m, 250m)));
        Assert.That((h.Share(id, Alice), h.Share(id, Bob)), Is.EqualTo((0m, 0m)));
    }

    [Test]
    public void Close_Negative_GoErrorNegativeAllocation() =>
        AssertFails(Funded(), [A(Alice, "-100"), A(Bob, "400")], "negative allocation: -100 for asset usdc", Alice);

    [Test]
    public void C1_MissingIdOrAllocations()
    {
        AssertFails("", [A(Alice, "1")], "missing required parameters: app_id or allocations", Alice);
        AssertFails(Funded(), [], "missing required parameters: app_id or allocations", Alice);
    }

    [Test]
    public void C2_ClosedSessionRejectsEverything()
    {
        var id = Funded(AppProtocols.V04);
        Assert.That(_h.Close(id, [A(Alice, "100"), A(Bob, "200")], Alice, Alice).Error, Is.Null);
        AssertFails(id, [A(Alice, "100"), A(Bob, "200")], "an open app session not found: record not found", Alice);
        Assert.That(_h.Submit04(id, "operate", 3, [A(Alice, "0")], Alice, Alice).Error, Is.EqualTo("an open app session not found: record not found"));
    }

    [Test]
    public void C3_QuorumPrefixIsAlwaysSubmitState()
    {
        var id = Funded(AppProtocols.V04);
        AssertFails(id, [A(Alice, "100"), A(Bob, "200")], "incorrect submit_state request: quorum not reached: 0 / 100", Bob);
        AssertFails(id, [A(Alice, "100"), A(Bob, "200")], $"signature from unknown participant wallet {Carol.Address}", Alice, Carol);
    }

    [Test]
    public void C3_IntentAndVersionIgnored()
    {
        var id = Funded(AppProtocols.V04);
        var o = _h.Call("close_app_session", Requests.SubmitAppState(id, "deposit", 99, [A(Alice, "100"), A(Bob, "200")]), Alice, Alice);
        Assert.That(o.Error, Is.Null);
    }

    [Test]
    public void C4_KeyApplicationChecked()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "poker");
        var id = Funded();
        AssertFails(id, [A(Alice, "100"), A(Bob, "200")],
            $"session key application validation failed for signer {AliceKey.Address}: session key application mismatch: session key is for 'poker', but app session is for 'chess'", AliceKey);
    }

    [Test]
    public void C7_NonParticipant() =>
        AssertFails(Funded(), [A(Alice, "100"), A(Carol, "200")], $"allocation to non-participant {Carol.Address}", Alice);

    [Test]
    public void C9_ConservationWithoutOperatePrefix()
    {
        var id = Funded();
        AssertFails(id, [A(Alice, "100"), A(Bob, "100")], "asset usdc not fully redistributed", Alice);
        AssertFails(id, [A(Alice, "100"), A(Bob, "200"), A(Bob, "1", "eth")], "allocation references unknown asset eth", Alice);
    }

    [Test]
    public void C8_SplitMayDifferFromShares()
    {
        var id = Funded();
        Assert.That(_h.Close(id, [A(Alice, "300"), A(Bob, "0")], Alice, Alice).Error, Is.Null);
        Assert.That((_h.Unified(Alice), _h.Unified(Bob)), Is.EqualTo((1200m, 800m)));
    }

    [Test]
    public void C10_SessionDataReplaced()
    {
        var id = Funded();
        Assert.That(_h.Call("close_app_session", Requests.CloseAppSession(id, [A(Alice, "100"), A(Bob, "200")], "final"), Alice, Alice).Error, Is.Null);
        Assert.That(_h.Session(id).SessionData, Is.EqualTo("final"));
    }

    [Test]
    public void OmittedParticipantCountsAsZero_NoValueDuplicated_DeliberateFix()
    {
        var id = Funded();
        AssertFails(id, [A(Alice, "100")], "asset usdc not fully redistributed", Alice);
        var o = _h.Close(id, [A(Alice, "300")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That((_h.Unified(Alice), _h.Unified(Bob), _h.Share(id, Bob)), Is.EqualTo((1200m, 800m, 0m)));
        _h.AssertConserved();
    }

    [Test]
    public void DuplicateEntryRejected_DeliberateFix() =>
        AssertFails(Funded(), [A(Alice, "100"), A(Bob, "100"), A(Bob, "100")], $"duplicate allocation for participant {Bob.Address} and asset usdc", Alice);

    private void AssertFails(string id, AppAllocation[] allocations, string error, params Protocol.Crypto.EthKey[] signers)
    {
        var entries = _h.State.Entries.Count;
        var session = _h.State.FindAppSession(id);
        var before = session is null ? default : (session.Version, session.Status);
        var o = _h.Close(id, allocations, Alice, signers);
        Assert.That(o.Error, Is.EqualTo(error));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice" }));
        Assert.That(_h.State.Entries, Has.Count.EqualTo(entries));
        if (session is not null) Assert.That((session.Version, session.Status), Is.EqualTo(before));
        _h.AssertConserved();
    }
}
