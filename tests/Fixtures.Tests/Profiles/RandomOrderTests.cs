using System.Text.Json.Nodes;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>
/// <c>--random-order</c>: every place where the Go node iterates a map (or reads unordered rows) takes a fresh order
/// per response. Each test repeats one response and requires the same content in more than one order (seeded, so
/// the outcome is reproducible).
/// </summary>
[TestFixture]
public sealed class RandomOrderTests
{
    private const int Repeats = 24;
    private static readonly EthKey AliceKey2 = EthKey.FromSeed("ledger-test alice second session key");

    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness(new NodeBehaviour(GoFaithful: false, NodeBehaviour.DefaultReplayWindow, MapOrder.Random(20251202)));
        foreach (var asset in new[] { "usdc", "weth", "eth", "dai" })
        {
            _h.State.Credit(Alice.Address, asset, 1000m);
            _h.State.Credit(Bob.Address, asset, 1000m);
        }
    }

    private static List<string> Distinct(Func<string> response) =>
        Enumerable.Range(0, Repeats).Select(_ => response()).Distinct().ToList();

    private static string Rows(JsonNode? list, params string[] fields) =>
        string.Join(" ", list!.AsArray().Select(r => string.Join("/", fields.Select(f => Name(r![f]!.GetValue<string>())))));

    private string TwoAssetSession(string application = "chess") =>
        _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1, application),
            [A(Alice, "10"), A(Alice, "1", "weth"), A(Bob, "10"), A(Bob, "1", "weth")], Alice, Alice, Bob);

    [Test]
    public void LedgerBalancesAndBuRowsComeInAnyOrder()
    {
        var balances = Distinct(() => Rows(_h.Call("get_ledger_balances", new JsonObject(), Alice, Alice).Result!["ledger_balances"], "asset"));
        Assert.That(balances.Select(o => string.Join(" ", o.Split(' ').Order())), Has.All.EqualTo("dai eth usdc weth"));
        Assert.That(balances, Has.Count.GreaterThan(1), string.Join(" | ", balances));

        // A failed transfer answers with the caller's bu only; its rows are the same grouped query.
        var bu = Distinct(() => Rows(_h.Call("transfer", new JsonArray(), Alice, Alice).Notifications.Single().Payload["balance_updates"], "asset"));
        Assert.That(bu, Has.Count.GreaterThan(1), string.Join(" | ", bu));
    }

    [Test]
    public void AsuAllocationsAreGroupedByParticipantInAnyOrder()
    {
        var id = TwoAssetSession();
        var orders = new List<string>();
        for (ulong version = 2; version < 2 + Repeats / 2; version++)
        {
            var o = _h.Submit04(id, "operate", version, [A(Alice, "10"), A(Alice, "1", "weth"), A(Bob, "10"), A(Bob, "1", "weth")], Alice, Alice);
            Assert.That(o.Error, Is.Null);
            orders.AddRange(o.Notifications.Where(n => n.Method == "asu").Select(n => Rows(n.Payload["participant_allocations"], "participant", "asset")));
        }
        foreach (var order in orders)
        {
            var participants = order.Split(' ').Select(e => e.Split('/')[0]).ToList();
            Assert.That(participants.Where((p, i) => i == 0 || participants[i - 1] != p).Count(), Is.EqualTo(2), $"grouped: {order}");
            Assert.That(order.Split(' ').Order(), Is.EqualTo(new[] { "alice/usdc", "alice/weth", "bob/usdc", "bob/weth" }));
        }
        Assert.That(orders.Distinct().Count(), Is.GreaterThan(2), string.Join(" | ", orders.Distinct()));
    }

    [Test]
    public void TheUnknownSignerNamedVaries()
    {
        var id = TwoAssetSession();
        var errors = Distinct(() => _h.Submit04(id, "operate", 2, [A(Alice, "10")], Alice, Alice, Mallory, Carol).Error!);
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            $"signature from unknown participant wallet {Mallory.Address}",
            $"signature from unknown participant wallet {Carol.Address}",
        }));
    }

    [Test]
    public void EitherSessionKeyOfTheWalletIsCharged()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "chess", ("usdc", 1000m));
        _h.Keys.Add(AliceKey2, Alice.Address, "chess", ("usdc", 1000m));
        var id = TwoAssetSession();
        for (var i = 1; i <= Repeats; i++)
        {
            var o = _h.Submit04(id, "deposit", (ulong)(i + 1), [A(Alice, (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))], Alice, AliceKey, AliceKey2);
            Assert.That(o.Error, Is.Null);
        }
        var first = _h.State.SessionKeyUsage(AliceKey.Address, "usdc");
        var second = _h.State.SessionKeyUsage(AliceKey2.Address, "usdc");
        Assert.That((first + second, first > 0, second > 0), Is.EqualTo(((decimal)Repeats, true, true)));
    }

    [Test]
    public void TheConservationErrorNamesEitherAsset()
    {
        var id = TwoAssetSession();
        var errors = Distinct(() => _h.Submit04(id, "operate", 2, [A(Alice, "5"), A(Alice, "0.5", "weth")], Alice, Alice).Error!);
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed",
            "incorrect operate request: non-zero allocations sum delta: asset weth not fully redistributed",
        }));
        Assert.That(_h.Session(id).Version, Is.EqualTo(1UL));
    }
}
