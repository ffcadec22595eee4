using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.AppSessions;

/// <summary>Each ledger-side seeded defect turns one observable outcome into the described wrong one, per instance.</summary>
public sealed class SeededDefectTests
{
    private sealed record Scenario(Func<LedgerHarness, string> Run, string Correct, string Defective);

    private static readonly string[] OwnedFamilies = ["quorum", "versions", "conservation", "lifecycle", "pushes"];

    private static string Summary(MethodOutcome o) => o.Error ?? "ok v" + o.Result!["version"]!.GetValue<ulong>();

    private static string TwoParty(LedgerHarness h, long[] weights, ulong quorum, params AppAllocation[] funding) =>
        h.Create(Definition(AppProtocols.V04, [Alice, Bob], weights, quorum), funding, Alice,
            funding.Select(f => f.Participant == Alice.Address ? Alice : Bob).Distinct().ToArray());

    private static MethodOutcome CreateWith(LedgerHarness h, AppDefinition d, AppAllocation[] allocations, params Protocol.Crypto.EthKey[] signers) =>
        h.Call("create_app_session", Requests.CreateAppSession(d, allocations), Alice, signers);

    private static readonly Dictionary<DefectId, Scenario> Scenarios = new()
    {
        [DefectId.SkipQuorumCheck] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 2, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 2, [A(Alice, "100")], Alice, Alice));
        }, "incorrect submit_state request: quorum not reached: 1 / 2", "ok v2"),

        [DefectId.CountSessionKeyAndWalletTwice] = new(h =>
        {
            h.Keys.Add(AliceKey, Alice.Address, "clearnode");
            var id = TwoParty(h, [1, 1], 2, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 2, [A(Alice, "100")], Alice, Alice, AliceKey));
        }, "incorrect submit_state request: quorum not reached: 1 / 2", "ok v2"),

        [DefectId.AcceptNonParticipantSigner] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 2, [A(Alice, "100")], Alice, Alice, Mallory));
        }, $"signature from unknown participant wallet {Mallory.Address}", "ok v2"),

        [DefectId.WeightSumOverflow8Bit] = new(h =>
        {
            var id = TwoParty(h, [128, 128], 200, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 2, [A(Alice, "100")], Alice, Alice, Bob));
        }, "ok v2", "incorrect submit_state request: quorum not reached: 0 / 200"),

        [DefectId.AcceptStaleVersion] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 1, [A(Alice, "100")], Alice, Alice));
        }, "incorrect app state: incorrect version: expected 2, got 1", "ok v2"),

        [DefectId.AcceptSkippedVersion] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 7, [A(Alice, "100")], Alice, Alice));
        }, "incorrect app state: incorrect version: expected 2, got 7", "ok v2"),

        [DefectId.AcceptIntentVersionOnV02] = new(h =>
        {
            var id = h.Create(Definition(AppProtocols.V02, [Alice, Bob], [1, 1], 1), [A(Alice, "100")], Alice, Alice);
            return Summary(h.Submit04(id, "deposit", 2, [A(Alice, "60"), A(Bob, "40")], Alice, Alice)) + $" bob={h.Share(id, Bob)} alice-unified={h.Unified(Alice)}";
        }, "incorrect request: specified parameters are not supported in this protocol bob=0 alice-unified=900", "ok v2 bob=40 alice-unified=900"),

        [DefectId.NoVersionBumpOnV02Submit] = new(h =>
        {
            var id = h.Create(Definition(AppProtocols.V02, [Alice, Bob], [1, 1], 1), [A(Alice, "100")], Alice, Alice);
            var o = h.Submit02(id, [A(Alice, "50"), A(Bob, "50")], Alice, Alice);
            return Summary(o) + " asu v" + o.Notifications.FirstOrDefault(n => n.Method == "asu")?.Payload["app_session"]!["version"];
        }, "ok v2 asu v2", "ok v1 asu v1"),

        [DefectId.SkipOperateSumCheck] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 2, [A(Alice, "80"), A(Bob, "50")], Alice, Alice)) + $" conserved={h.State.ConservationViolations().Count == 0}";
        }, "incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed conserved=True", "ok v2 conserved=False"),

        [DefectId.DepositMayDecrease] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 2, A(Alice, "100"));
            return Summary(h.Submit04(id, "deposit", 2, [A(Alice, "80")], Alice, Alice, Bob)) + $" share={h.Share(id, Alice)}";
        }, $"incorrect deposit request: decreased allocation for participant {Alice.Address} share=100", "ok v2 share=80"),

        [DefectId.WithdrawMayIncrease] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 2, A(Alice, "100"));
            return Summary(h.Submit04(id, "withdraw", 2, [A(Alice, "120")], Alice, Alice, Bob)) + $" share={h.Share(id, Alice)}";
        }, $"incorrect withdrawal request: increased allocation for participant {Alice.Address} share=100", "ok v2 share=120"),

        [DefectId.DepositWithoutDepositorSignature] = new(h =>
        {
            var id = h.Create(Definition(AppProtocols.V04, [Alice, Bob, Carol], [1, 1, 1], 2), [A(Alice, "100")], Alice, Alice);
            return Summary(h.Submit04(id, "deposit", 2, [A(Alice, "300")], Bob, Bob, Carol)) + $" alice-unified={h.Unified(Alice)}";
        }, "incorrect deposit request: depositor signature is required alice-unified=900", "ok v2 alice-unified=700"),

        [DefectId.OmittedParticipantKeepsShare] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "60"), A(Bob, "40"));
            var o = h.Close(id, [A(Alice, "100")], Alice, Alice);
            return Summary(o) + $" bob-share={h.Share(id, Bob)} conserved={h.State.ConservationViolations().Count == 0}";
        }, "ok v2 bob-share=0 conserved=True", "ok v2 bob-share=40 conserved=False"),

        [DefectId.DuplicateAllocationsCountedTwice] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return Summary(h.Submit04(id, "operate", 2, [A(Alice, "50"), A(Alice, "50")], Alice, Alice)) + $" share={h.Share(id, Alice)}";
        }, $"duplicate allocation for participant {Alice.Address} and asset usdc share=100", "ok v2 share=50"),

        [DefectId.UpdateAfterClose] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            h.Close(id, [A(Alice, "100")], Alice, Alice);
            return Summary(h.Submit04(id, "operate", 3, [A(Alice, "0")], Alice, Alice));
        }, "an open app session not found: record not found", "ok v3"),

        [DefectId.CreateWithoutFunderSignature] = new(h =>
            Summary(CreateWith(h, Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "10"), A(Bob, "90")], Alice)) + $" bob={h.Unified(Bob)}",
            $"missing signature for participant {Bob.Address} bob=1000", "ok v1 bob=910"),

        [DefectId.CreateIgnoresInsufficientFunds] = new(h =>
            Summary(CreateWith(h, Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "1500")], Alice)) + $" alice={h.Unified(Alice)}",
            $"insufficient funds: {Alice.Address} for asset usdc alice=1000", "ok v1 alice=-500"),

        [DefectId.QuorumAboveWeightSumAccepted] = new(h =>
            Summary(CreateWith(h, Definition(AppProtocols.V04, [Alice, Bob], [3, 5], 10), [])),
            "target quorum (10) cannot be greater than total sum of weights (8)", "ok v1"),

        [DefectId.WeightsLengthMismatchAccepted] = new(h =>
            Summary(CreateWith(h, Definition(AppProtocols.V04, [Alice, Bob], [1], 1), [])),
            "number of weights must be equal to participants", "ok v1"),

        [DefectId.NegativeAmountsAccepted] = new(h =>
            Summary(CreateWith(h, Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "-50")])) + $" alice={h.Unified(Alice)}",
            "negative allocation: -50 for asset usdc alice=1000", "ok v1 alice=1050"),

        [DefectId.AsuNotSentToSender] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return string.Join(",", Pushes(h.Submit04(id, "operate", 2, [A(Alice, "50"), A(Bob, "50")], Alice, Alice)));
        }, "asu→alice,asu→bob,bu→alice", "asu→bob,bu→alice"),

        [DefectId.AsuNotSent] = new(h =>
        {
            var id = TwoParty(h, [1, 1], 1, A(Alice, "100"));
            return string.Join(",", Pushes(h.Submit04(id, "operate", 2, [A(Alice, "50"), A(Bob, "50")], Bob, Alice)));
        }, "asu→alice,asu→bob,bu→bob", "bu→bob"),
    };

    private static IEnumerable<DefectId> Owned() =>
        DefectCatalog.All.Where(d => OwnedFamilies.Contains(d.Family)).Select(d => d.Id);

    private static LedgerHarness Funded(params DefectId[] defects)
    {
        var h = new LedgerHarness(defects);
        foreach (var who in new[] { Alice, Bob, Carol }) h.State.Credit(who.Address, "usdc", 1000m);
        return h;
    }

    [Test]
    public void EveryLedgerFamilyDefectHasAScenario() =>
        Assert.That(Scenarios.Keys, Is.EquivalentTo(Owned()));

    [TestCaseSource(nameof(Owned))]
    public void DefectChangesTheOutcome(DefectId defect)
    {
        var scenario = Scenarios[defect];
        Assert.That(scenario.Run(Funded()), Is.EqualTo(scenario.Correct), "reference behaviour");
        Assert.That(scenario.Run(Funded(defect)), Is.EqualTo(scenario.Defective), "seeded behaviour");
    }

    [TestCaseSource(nameof(Owned))]
    public void NoOtherLedgerDefectChangesThisScenario(DefectId defect)
    {
        var others = Owned().Where(d => d != defect && !Interacts(defect, d)).ToArray();
        foreach (var other in others)
            Assert.That(Scenarios[defect].Run(Funded(other)), Is.EqualTo(Scenarios[defect].Correct), $"{other} leaked into the {defect} scenario");
    }

    // Pairs whose scenarios necessarily overlap (one defect's wrong input is another's subject).
    private static bool Interacts(DefectId a, DefectId b) => Overlapping.Contains((a, b)) || Overlapping.Contains((b, a));

    private static readonly HashSet<(DefectId, DefectId)> Overlapping =
    [
        (DefectId.AsuNotSentToSender, DefectId.AsuNotSent),
        (DefectId.CountSessionKeyAndWalletTwice, DefectId.SkipQuorumCheck),
        (DefectId.NoVersionBumpOnV02Submit, DefectId.AsuNotSent),
    ];

    [Test]
    public void DefectsArePerInstance()
    {
        var seeded = Funded(DefectId.SkipQuorumCheck);
        var clean = Funded();
        Assert.That(Scenarios[DefectId.SkipQuorumCheck].Run(seeded), Is.EqualTo("ok v2"));
        Assert.That(Scenarios[DefectId.SkipQuorumCheck].Run(clean), Is.EqualTo("incorrect submit_state request: quorum not reached: 1 / 2"));
    }
}
