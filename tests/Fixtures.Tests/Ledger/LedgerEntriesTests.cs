using System.Text.Json.Nodes;
using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.Ledger;

/// <summary><c>get_ledger_entries</c> (clearnode-rpc.md §7; Go <c>HandleGetLedgerEntries</c> / <c>WalletLedger.GetEntries</c>).</summary>
public sealed class LedgerEntriesTests
{
    private LedgerHarness _h = null!;
    private string _session = "";

    // Rows: 1 alice +1000 usdc, 2 bob +50 weth (t0); the create moves 100 usdc of alice's into the session (t0+1s);
    // the transfer moves 5 usdc from alice to bob (t0+2s).
    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        _h.State.Credit(Alice.Address, "usdc", 1000m, _h.Clock.Now);
        _h.State.Credit(Bob.Address, "weth", 50m, _h.Clock.Now);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        _session = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "100")], Alice, Alice);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        var transfer = _h.Call("transfer", Requests.Transfer(Bob.Address, [new TransferAllocation("usdc", "5")]), Alice, Alice);
        Assert.That(transfer.IsError, Is.False, transfer.Error);
    }

    private JsonArray Entries(JsonObject parameters, Protocol.Crypto.EthKey? caller = null)
    {
        var outcome = _h.Call("get_ledger_entries", parameters, caller);
        Assert.That(outcome.IsError, Is.False, outcome.Error);
        return outcome.Result!["ledger_entries"]!.AsArray();
    }

    // "id:account:wallet:asset:+credit/-debit" per row, in response order.
    private string Rows(JsonObject parameters, Protocol.Crypto.EthKey? caller = null) => string.Join(" ", Entries(parameters, caller).Select(e =>
    {
        var account = (string)e!["account_id"]! == _session ? "session" : Name((string)e["account_id"]!);
        var amount = (string)e["credit"]! != "0" ? "+" + (string)e["credit"]! : "-" + (string)e["debit"]!;
        return $"{e["id"]}:{account}:{Name((string)e["participant"]!)}:{e["asset"]}:{amount}";
    }));

    [Test]
    public void NoFilterOnAnUnauthenticatedCallListsEveryRowNewestFirst()
    {
        Assert.That(Rows(new JsonObject()), Is.EqualTo(
            "6:bob:bob:usdc:+5 5:alice:alice:usdc:-5 4:session:alice:usdc:+100 3:alice:alice:usdc:-100 2:bob:bob:weth:+50 1:alice:alice:usdc:+1000"));
    }

    [Test]
    public void RowHasTheGoLedgerEntryResponseShape()
    {
        Assert.That(Json(Entries(new JsonObject { ["account_id"] = _session })[0]), Is.EqualTo(
            "{\"id\":4,\"account_id\":\"" + _session + "\",\"account_type\":0,\"asset\":\"usdc\",\"participant\":\"" + Alice.Address
            + "\",\"credit\":\"100\",\"debit\":\"0\",\"created_at\":\"2025-06-01T12:00:01Z\"}"));
    }

    [Test]
    public void WalletDefaultsToTheCallerAndTheParameterOverridesIt()
    {
        Assert.That(Rows(new JsonObject(), Alice), Is.EqualTo(
            "5:alice:alice:usdc:-5 4:session:alice:usdc:+100 3:alice:alice:usdc:-100 1:alice:alice:usdc:+1000"));
        // Any spelling of the address (HexToAddress), and it wins over the caller's wallet.
        Assert.That(Rows(new JsonObject { ["wallet"] = Bob.Address.ToLowerInvariant() }, Alice), Is.EqualTo("6:bob:bob:usdc:+5 2:bob:bob:weth:+50"));
        Assert.That(Rows(new JsonObject { ["wallet"] = Carol.Address }), Is.EqualTo(""));
        // An unparsable wallet is go-ethereum's zero address, for which Go applies no wallet filter.
        Assert.That(Entries(new JsonObject { ["wallet"] = "nonsense" }, Alice), Has.Count.EqualTo(6));
    }

    [Test]
    public void AccountIdAndAssetFilter()
    {
        Assert.That(Rows(new JsonObject { ["account_id"] = Alice.Address.ToLowerInvariant() }), Is.EqualTo(
            "5:alice:alice:usdc:-5 3:alice:alice:usdc:-100 1:alice:alice:usdc:+1000"));
        Assert.That(Rows(new JsonObject { ["account_id"] = _session }), Is.EqualTo("4:session:alice:usdc:+100"));
        Assert.That(Rows(new JsonObject { ["asset"] = "weth" }), Is.EqualTo("2:bob:bob:weth:+50"));
        Assert.That(Rows(new JsonObject { ["account_id"] = Alice.Address, ["asset"] = "weth" }), Is.EqualTo(""));
        Assert.That(Rows(new JsonObject { ["account_id"] = Alice.Address, ["wallet"] = Bob.Address }), Is.EqualTo(""));
    }

    [Test]
    public void SortAndPaging()
    {
        Assert.That(Rows(new JsonObject { ["sort"] = "asc", ["offset"] = 1, ["limit"] = 2 }), Is.EqualTo(
            "2:bob:bob:weth:+50 3:alice:alice:usdc:-100"));
        Assert.That(Rows(new JsonObject { ["sort"] = "DESC", ["limit"] = 1 }), Is.EqualTo("6:bob:bob:usdc:+5"));
        for (var i = 0; i < 12; i++) _h.State.Credit(Carol.Address, "usdc", i + 1, _h.Clock.Now);
        Assert.That(Entries(new JsonObject()), Has.Count.EqualTo(Fixtures.Params.ListOptions.DefaultLimit));
        Assert.That(Entries(new JsonObject { ["limit"] = 500 }), Has.Count.EqualTo(18));
    }

    [Test]
    public void Errors()
    {
        Assert.That(_h.Call("get_ledger_entries", new JsonArray(), null).Error, Is.EqualTo("failed to parse parameters"));
        Assert.That(_h.Call("get_ledger_entries", new JsonObject { ["asset"] = 5 }, null).Error, Is.EqualTo("failed to parse parameters"));
        Assert.That(_h.Call("get_ledger_entries", new JsonObject { ["sort"] = "sideways" }, null).Error, Is.EqualTo("failed to get ledger entries"));
        Assert.That(_h.Handler("get_ledger_entries").IsPrivate, Is.False);
    }

    [Test]
    public async Task AnsweredOverTheWireWithoutAuthentication()
    {
        await using var harness = await NodeHarness.StartAsync();
        harness.Node.Credit(Alice.Address, "usdc", 7m);
        await using var raw = await RawSocket.ConnectAsync(harness.Node.Url);
        await raw.SendTextAsync("{\"req\":[41,\"get_ledger_entries\",{\"wallet\":\"" + Alice.Address + "\"},1700000000000],\"sig\":[]}");
        var response = await raw.ReceiveContainingAsync("\"get_ledger_entries\"");
        Assert.That(response, Does.StartWith("{\"res\":[41,\"get_ledger_entries\",{\"ledger_entries\":[{\"id\":1,\"account_id\":\"" + Alice.Address
            + "\",\"account_type\":0,\"asset\":\"usdc\",\"participant\":\"" + Alice.Address + "\",\"credit\":\"7\",\"debit\":\"0\",\"created_at\":\""));
    }
}
