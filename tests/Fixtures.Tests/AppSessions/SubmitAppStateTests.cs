using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.AppSessions;

public sealed class SubmitAppStateTests
{
    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        foreach (var who in new[] { Alice, Bob, Carol }) _h.State.Credit(who.Address, "usdc", 1000m);
    }

    private string Session(string protocol, long[] weights, ulong quorum, params AppAllocation[] funding)
    {
        var participants = weights.Length == 3 ? new[] { Alice, Bob, Carol } : new[] { Alice, Bob };
        var funders = funding.Select(f => participants.First(p => p.Address == f.Participant)).ToArray();
        return _h.Create(Definition(protocol, participants, weights, quorum), funding, Alice, funders);
    }

    [Test]
    public void V02_Operate_GoNitroRPCv02OperateSuccess()
    {
        var id = Session(AppProtocols.V02, [1, 1], 1, A(Alice, "100"));
        var o = _h.Submit02(id, [A(Alice, "50"), A(Bob, "50")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(Json(o.Result), Is.EqualTo("{\"app_session_id\":\"" + id + "\",\"application\":\"\",\"status\":\"open\",\"participants\":null,\"protocol\":\"\",\"challenge\":0,\"weights\":null,\"quorum\":0,\"version\":2,\"nonce\":0,\"created_at\":\"\",\"updated_at\":\"\"}"));
        Assert.That(_h.Share(id, Alice), Is.EqualTo(50m));
        Assert.That(_h.Share(id, Bob), Is.EqualTo(50m));
        Assert.That(_h.Unified(Alice), Is.EqualTo(900m));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "asu→alice", "asu→bob", "bu→alice" }));
        _h.AssertConserved();
    }

    [Test]
    public void V02_WeightedSoleSigner_GoRouterSuccessfulSubmitAppState()
    {
        var h = new LedgerHarness();
        h.State.Credit(Alice.Address, "usdc", 200m);
        h.State.Credit(Bob.Address, "usdc", 300m);
        var id = h.Create(Definition(AppProtocols.V02, [Alice, Bob], [100, 0], 100), [A(Alice, "200"), A(Bob, "300")], Alice, Alice, Bob);
        var o = h.Call("submit_app_state", Requests.SubmitAppState(id, [A(Alice, "250"), A(Bob, "250")], "{\"k\":1}"), Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That((o.Result!["version"]!.GetValue<ulong>(), o.Result["status"]!.GetValue<string>()), Is.EqualTo((2UL, "open")));
        Assert.That(o.Result.AsObject().ContainsKey("session_data"), Is.False);
        Assert.That(h.Session(id).SessionData, Is.EqualTo("{\"k\":1}"));
        Assert.That((h.Share(id, Alice), h.Share(id, Bob)), Is.EqualTo((250m, 250m)));
    }

    [Test]
    public void V02_Operate_NegativeAllocation() =>
        AssertFails(Session(AppProtocols.V02, [1, 1], 1, A(Alice, "100")), null, 0, [A(Alice, "-50"), A(Bob, "150")],
            "negative allocation: -50 for asset usdc", Alice);

    [Test]
    public void V02_IntentOrVersionRejected_GoProtocolVersionValidationError()
    {
        var id = Session(AppProtocols.V02, [1, 1], 1, A(Alice, "100"));
        AssertFails(id, "deposit", 2, [A(Alice, "150")], "incorrect request: specified parameters are not supported in this protocol", Alice);
        AssertFails(id, "withdraw", 2, [A(Alice, "50")], "incorrect request: specified parameters are not supported in this protocol", Alice);
        AssertFails(id, "", 2, [A(Alice, "100")], "incorrect request: specified parameters are not supported in this protocol", Alice);
    }

    [Test]
    public void V04_Operate_OperatorWithChannelFunds_GoNitroRPCv04OperateSuccess()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        _h.State.SetChannelCondition(Alice.Address, new ChannelCondition(false, 1, 5m));
        var o = _h.Submit04(id, "operate", 2, [A(Alice, "50"), A(Bob, "50")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Session(id).Version, Is.EqualTo(2));
        Assert.That(_h.Share(id, Bob), Is.EqualTo(50m));
    }

    [Test]
    public void V04_EmptyIntentIsOperate()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        Assert.That(_h.Submit04(id, "", 2, [A(Alice, "70"), A(Bob, "30")], Alice, Alice).Error, Is.Null);
        Assert.That(_h.Share(id, Bob), Is.EqualTo(30m));
    }

    [TestCase(3UL, "incorrect app state: incorrect version: expected 2, got 3")]
    [TestCase(1UL, "incorrect app state: incorrect version: expected 2, got 1")]
    [TestCase(43UL, "incorrect app state: incorrect version: expected 2, got 43")]
    [TestCase(0UL, "incorrect app state: incorrect version: expected 2, got 0")]
    public void S2a_WrongVersion_GoNitroRPCv04OperateInvalidVersion(ulong version, string error) =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "operate", version, [A(Alice, "50"), A(Bob, "50")], error, Alice);

    [Test]
    public void S2a_VersionIsCheckedBeforeSignatures() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 2, A(Alice, "100")), "operate", 5, [A(Alice, "100")],
            "incorrect app state: incorrect version: expected 2, got 5");

    [Test]
    public void S1_UnknownSession() =>
        AssertFails("0x" + new string('a', 64), "operate", 2, [A(Alice, "1")], "an open app session not found: record not found", Alice);

    [Test]
    public void S1_IdComparedExactly()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        AssertFails(id.ToUpperInvariant().Replace("0X", "0x"), "operate", 2, [A(Alice, "100")], "an open app session not found: record not found", Alice);
    }

    [Test]
    public void S3_QuorumNotReached_PrefixFollowsIntent()
    {
        var id = Session(AppProtocols.V04, [1, 1, 1], 3, A(Alice, "100"));
        AssertFails(id, "operate", 2, [A(Alice, "100")], "incorrect submit_state request: quorum not reached: 2 / 3", Alice, Bob);
        AssertFails(id, "", 2, [A(Alice, "100")], "incorrect submit_state request: quorum not reached: 1 / 3", Alice);
        AssertFails(id, "deposit", 2, [A(Alice, "150")], "incorrect deposit request: quorum not reached: 1 / 3", Alice);
        AssertFails(id, "withdraw", 2, [A(Alice, "50")], "incorrect withdrawal request: quorum not reached: 2 / 3", Alice, Carol);
        AssertFails(id, "bogus", 2, [A(Alice, "100")], "incorrect submit_state request: quorum not reached: 0 / 3");
    }

    [Test]
    public void S3_UnknownSigner_FailsEvenWithQuorum()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        AssertFails(id, "operate", 2, [A(Alice, "100")], $"signature from unknown participant wallet {Mallory.Address}", Alice, Mallory);
    }

    [Test]
    public void S3_WalletAndItsKeyCountOnce()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "clearnode");
        var id = Session(AppProtocols.V04, [1, 1], 2, A(Alice, "100"));
        AssertFails(id, "operate", 2, [A(Alice, "100")], "incorrect submit_state request: quorum not reached: 1 / 2", Alice, AliceKey);
        Assert.That(_h.Submit04(id, "operate", 2, [A(Alice, "100")], Alice, AliceKey, Bob).Error, Is.Null);
    }

    [Test]
    public void S3_ZeroWeightSignerAddsNothing_EqualToQuorumPasses()
    {
        var id = Session(AppProtocols.V04, [100, 0], 100, A(Alice, "100"));
        AssertFails(id, "operate", 2, [A(Alice, "100")], "incorrect submit_state request: quorum not reached: 0 / 100", Bob);
        Assert.That(_h.Submit04(id, "operate", 2, [A(Alice, "100")], Bob, Alice).Error, Is.Null);
    }

    [Test]
    public void S3_QuorumZeroNeedsNoSignature()
    {
        var id = Session(AppProtocols.V04, [0, 0], 0, A(Alice, "100"));
        Assert.That(_h.Submit04(id, "operate", 2, [A(Alice, "40"), A(Bob, "60")], Carol).Error, Is.Null);
    }

    [Test]
    public void S3_RevokedOrExpiredKeyMapsToItself()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "clearnode");
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        _h.Keys.Revoke(AliceKey);
        AssertFails(id, "deposit", 2, [A(Alice, "150")], $"signature from unknown participant wallet {AliceKey.Address}", Alice, AliceKey);
    }

    [Test]
    public void S4_KeyForAnotherApplication()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "poker");
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        AssertFails(id, "operate", 2, [A(Alice, "100")],
            $"session key application validation failed for signer {AliceKey.Address}: session key application mismatch: session key is for 'poker', but app session is for 'chess'", AliceKey);
    }

    [Test]
    public void S4_KeyForTheSessionsApplicationOrClearnodePasses()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "chess");
        _h.Keys.Add(BobKey, Bob.Address, "clearnode");
        var id = Session(AppProtocols.V04, [1, 1], 2, A(Alice, "100"));
        Assert.That(_h.Submit04(id, "operate", 2, [A(Alice, "10"), A(Bob, "90")], Alice, AliceKey, BobKey).Error, Is.Null);
    }

    [Test]
    public void S5_UnknownIntentReportedAfterQuorum_GoUnsupportedIntentError() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "unknown_intent", 2, [A(Alice, "100")],
            "incorrect app state: unsupported intent: unknown_intent", Alice);

    [Test]
    public void UnrecoverableSignature_Submit()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        var request = new RpcRequest(77, "submit_app_state", Requests.SubmitAppState(id, "operate", 2, [A(Alice, "100")]), 1);
        var o = _h.CallRaw("submit_app_state", request.ReqJson, ["0x1234"], Alice.Address);
        Assert.That(o.Error, Is.EqualTo("failed to get wallets from RPC message"));
    }

    // §5.3 operate
    [Test]
    public void Operate_SumDiffers_GoOperateIntentNonZeroDeltaError() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "operate", 2, [A(Alice, "80"), A(Bob, "50")],
            "incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed", Alice);

    [Test]
    public void Operate_NegativeDelta() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "operate", 2, [A(Alice, "40"), A(Bob, "50")],
            "incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed", Alice);

    [Test]
    public void Operate_AllocationToNonParticipant() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "operate", 2, [A(Alice, "50"), A(Carol, "50")],
            $"allocation to non-participant {Carol.Address}", Alice);

    [Test]
    public void Operate_ZeroAllocationsOnEmptySession_GoZeroAllocationsSuccess()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1);
        var o = _h.Submit04(id, "operate", 2, [A(Alice, "0"), A(Bob, "0")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Session(id).Version, Is.EqualTo(2));
        Assert.That(Json(o.Notifications[0].Payload["participant_allocations"]), Is.EqualTo("[]"));
    }

    [Test]
    public void Operate_FullyWithdrawnAssetMayBeOmitted_GoWithdrawnAssetNotRequired()
    {
        _h.State.Credit(Alice.Address, "eth", 10m);
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"), A(Alice, "4", "eth"));
        Assert.That(_h.Submit04(id, "withdraw", 2, [A(Alice, "0")], Alice, Alice).Error, Is.Null);
        Assert.That(_h.Submit04(id, "operate", 3, [A(Alice, "1", "eth"), A(Bob, "3", "eth")], Alice, Alice).Error, Is.Null);
        Assert.That(_h.Share(id, Bob, "eth"), Is.EqualTo(3m));
    }

    [Test]
    public void Operate_WithdrawnAssetCannotBeAllocated_GoAllocateWithdrawnAssetError()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        Assert.That(_h.Submit04(id, "withdraw", 2, [A(Alice, "0")], Alice, Alice).Error, Is.Null);
        AssertFails(id, "operate", 3, [A(Alice, "10")],
            "incorrect operate request: non-zero allocations sum delta: asset usdc is not deposited into the app session. Please deposit the asset first", Alice);
    }

    [Test]
    public void Operate_NeverDepositedAsset_GoAllocateNeverDepositedAssetError() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "operate", 2, [A(Alice, "100"), A(Alice, "5", "eth")],
            "incorrect operate request: non-zero allocations sum delta: allocation references unknown asset eth", Alice);

    [Test]
    public void Operate_ZeroOfNeverDepositedAssetIsFine()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        Assert.That(_h.Submit04(id, "operate", 2, [A(Alice, "100"), A(Bob, "0", "eth")], Alice, Alice).Error, Is.Null);
    }

    [Test]
    public void Operate_OmittedParticipantCountsAsZero_DeliberateFix()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "60"), A(Bob, "40"));
        // Listing only Alice with the whole total moves Bob's share to her instead of destroying value.
        var o = _h.Submit04(id, "operate", 2, [A(Alice, "100")], Alice, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.Share(id, Alice), Is.EqualTo(100m));
        Assert.That(_h.Share(id, Bob), Is.EqualTo(0m));
        _h.AssertConserved();
        AssertFails(id, "operate", 3, [A(Alice, "60")], "incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed", Alice);
    }

    [Test]
    public void Operate_DuplicateEntryRejected_DeliberateFix() =>
        AssertFails(Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100")), "operate", 2, [A(Alice, "50"), A(Alice, "50")],
            $"duplicate allocation for participant {Alice.Address} and asset usdc", Alice);

    [Test]
    public void Operate_FailureLeavesSharesAndDataUnchanged()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        _h.Call("submit_app_state", Requests.SubmitAppState(id, "operate", 2, [A(Alice, "100")], "kept"), Alice, Alice);
        var o = _h.Call("submit_app_state", Requests.SubmitAppState(id, "operate", 3, [A(Alice, "10"), A(Bob, "10")], "lost"), Alice, Alice);
        Assert.That(o.Error, Does.StartWith("incorrect operate request"));
        Assert.That(_h.Session(id).SessionData, Is.EqualTo("kept"));
        Assert.That(_h.Session(id).Version, Is.EqualTo(2));
        Assert.That(_h.Share(id, Alice), Is.EqualTo(100m));
        Assert.That(_h.State.Balances(id, Bob.Address), Is.Empty);
    }

    [Test]
    public void SessionData_NullKeepsEmptyStringClears()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1, A(Alice, "100"));
        _h.Call("submit_app_state", Requests.SubmitAppState(id, "operate", 2, [A(Alice, "100")], "s1"), Alice, Alice);
        _h.Submit04(id, "operate", 3, [A(Alice, "100")], Alice, Alice);
        Assert.That(_h.Session(id).SessionData, Is.EqualTo("s1"));
        _h.Call("submit_app_state", Requests.SubmitAppState(id, "operate", 4, [A(Alice, "100")], ""), Alice, Alice);
        Assert.That(_h.Session(id).SessionData, Is.EqualTo(""));
    }

    [Test]
    public void V02_SameFrameReplayedIsAppliedAgain()
    {
        var id = Session(AppProtocols.V02, [1, 1], 1, A(Alice, "100"));
        var signed = RpcFrames.SignRequest(new RpcRequest(9, "submit_app_state", Requests.SubmitAppState(id, [A(Alice, "50"), A(Bob, "50")]), 1), [Alice]);
        Assert.That(_h.CallRaw("submit_app_state", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
        Assert.That(_h.CallRaw("submit_app_state", signed.ReqJson, signed.Signatures, Alice.Address).Error, Is.Null);
        Assert.That(_h.Session(id).Version, Is.EqualTo(3));
    }

    [Test]
    public void Asu_PayloadAndRecipients_GoBasicDepositSuccess()
    {
        var id = Session(AppProtocols.V04, [1, 1], 2, A(Alice, "100"), A(Bob, "100"));
        _h.Clock.Advance(TimeSpan.FromSeconds(5));
        var o = _h.Call("submit_app_state", Requests.SubmitAppState(id, "deposit", 2, [A(Alice, "150"), A(Bob, "100")], "{\"round\":2}"), Bob, Alice, Bob);

        Assert.That(o.Error, Is.Null);
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice", "asu→alice", "asu→bob", "bu→bob" }));
        Assert.That(Json(o.Notifications[1].Payload), Is.EqualTo(
            "{\"app_session\":{\"app_session_id\":\"" + id + "\",\"application\":\"\",\"status\":\"open\",\"participants\":[\"" + Alice.Address + "\",\"" + Bob.Address
            + "\"],\"session_data\":\"{\\\"round\\\":2}\",\"protocol\":\"NitroRPC/0.4\",\"challenge\":0,\"weights\":[1,1],\"quorum\":2,\"version\":2,\"nonce\":1700000000000,"
            + "\"created_at\":\"2025-06-01T12:00:00Z\",\"updated_at\":\"2025-06-01T12:00:05Z\"},\"participant_allocations\":[{\"participant\":\"" + Alice.Address
            + "\",\"asset\":\"usdc\",\"amount\":\"150\"},{\"participant\":\"" + Bob.Address + "\",\"asset\":\"usdc\",\"amount\":\"100\"}]}"));
        Assert.That(Json(o.Notifications[0].Payload), Is.EqualTo("{\"balance_updates\":[{\"asset\":\"usdc\",\"amount\":\"850\"}]}"));
        Assert.That(_h.Unified(Alice), Is.EqualTo(850m));
        Assert.That(_h.Share(id, Alice), Is.EqualTo(150m));
        Assert.That(_h.State.Transactions.Last().Type, Is.EqualTo(LedgerTransactionType.AppDeposit));
        Assert.That(_h.State.Transactions.Last().Amount, Is.EqualTo(50m));
    }

    [Test]
    public void Asu_ParticipantListedTwiceGetsItTwice_NonParticipantCallerGetsOnlyBu()
    {
        var d = new AppDefinition("chess", AppProtocols.V04, [Alice.Address, Bob.Address, Alice.Address], [1, 1, 1], 1, 0, 5);
        var id = _h.Create(d, [A(Alice, "10")], Alice, Alice);
        var o = _h.Submit04(id, "operate", 2, [A(Alice, "10")], Carol, Alice);
        Assert.That(Pushes(o), Is.EqualTo(new[] { "asu→alice", "asu→bob", "asu→alice", "bu→carol" }));
    }

    [Test]
    public void AmountsBeyondDecimalRange_FailWithTheFallbackTextAndWriteNothing()
    {
        var id = Session(AppProtocols.V04, [1, 1], 1);
        const string max = "79228162514264337593543950335";
        AssertFails(id, "operate", 2, [A(Alice, max), A(Bob, max)], "failed to submit app state", Alice);
        AssertFails(id, "operate", 2, [A(Alice, max + "0")], "failed to parse parameters", Alice);
    }

    private void AssertFails(string id, string? intent, ulong version, AppAllocation[] allocations, string error, params Protocol.Crypto.EthKey[] signers)
    {
        var entries = _h.State.Entries.Count;
        var session = _h.State.FindAppSession(id);
        var before = session is null ? default : (session.Version, session.SessionData, session.Status);
        var o = intent is null ? _h.Submit02(id, allocations, Alice, signers) : _h.Submit04(id, intent, version, allocations, Alice, signers);
        Assert.That(o.Error, Is.EqualTo(error));
        Assert.That(Pushes(o), Is.EqualTo(new[] { "bu→alice" }));
        Assert.That(_h.State.Entries, Has.Count.EqualTo(entries), "a failed submit writes no rows");
        if (session is not null) Assert.That((session.Version, session.SessionData, session.Status), Is.EqualTo(before));
        _h.AssertConserved();
    }
}
