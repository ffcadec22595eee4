using System.Text.Json.Nodes;
using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.Ledger;

/// <summary>get_ledger_balances, get_ledger_transactions, get_app_definition, get_app_sessions.</summary>
public sealed class LedgerQueryTests
{
    private LedgerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        _h.State.Credit(Alice.Address, "usdc", 1000m);
        _h.State.Credit(Bob.Address, "usdc", 1000m);
    }

    private Node.MethodOutcome Get(string method, JsonNode p, EthKeyOrNull caller = default) => _h.Call(method, p, caller.Key);

    [Test]
    public void LedgerBalances_OwnUnifiedAndOwnShareOnly_GoHandleGetLedgerBalances()
    {
        Assert.That(Json(Get("get_ledger_balances", new JsonObject(), Alice).Result), Is.EqualTo("{\"ledger_balances\":[{\"asset\":\"usdc\",\"amount\":\"1000\"}]}"));
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "100")], Alice, Alice);
        Assert.That(Json(Get("get_ledger_balances", new JsonObject { ["account_id"] = id }, Alice).Result),
            Is.EqualTo("{\"ledger_balances\":[{\"asset\":\"usdc\",\"amount\":\"100\"}]}"));
        Assert.That(Json(Get("get_ledger_balances", new JsonObject { ["account_id"] = id }, Bob).Result), Is.EqualTo("{\"ledger_balances\":[]}"));
        Assert.That(Json(Get("get_ledger_balances", new JsonObject { ["account_id"] = Bob.Address }, Alice).Result), Is.EqualTo("{\"ledger_balances\":[]}"));
        Assert.That(Json(Get("get_ledger_balances", new JsonObject(), Carol).Result), Is.EqualTo("{\"ledger_balances\":[]}"));
        Assert.That(Get("get_ledger_balances", JsonValue.Create(5)!, Alice).Error, Is.EqualTo("failed to parse parameters"));
        Assert.That(Get("get_ledger_balances", new JsonObject(), Alice).Notifications, Is.Empty);
    }

    [Test]
    public void LedgerTransactions_FiltersSortAndPaging()
    {
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [A(Alice, "100")], Alice, Alice);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        _h.Call("transfer", Requests.Transfer(Bob.Address, [new TransferAllocation("usdc", "5")]), Alice, Alice);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        _h.Submit04(id, "withdraw", 2, [A(Alice, "40")], Alice, Alice);

        string Types(JsonObject p) => string.Join(",", Get("get_ledger_transactions", p).Result!["ledger_transactions"]!.AsArray().Select(t => t!["tx_type"]!.GetValue<string>()));
        Assert.That(Types(new JsonObject()), Is.EqualTo("app_withdrawal,transfer,app_deposit"));
        Assert.That(Types(new JsonObject { ["sort"] = "asc" }), Is.EqualTo("app_deposit,transfer,app_withdrawal"));
        Assert.That(Types(new JsonObject { ["account_id"] = id }), Is.EqualTo("app_withdrawal,app_deposit"));
        Assert.That(Types(new JsonObject { ["account_id"] = Bob.Address.ToLowerInvariant() }), Is.EqualTo("transfer"));
        Assert.That(Types(new JsonObject { ["tx_type"] = "transfer" }), Is.EqualTo("transfer"));
        Assert.That(Types(new JsonObject { ["asset"] = "eth" }), Is.EqualTo(""));
        Assert.That(Types(new JsonObject { ["offset"] = 1, ["limit"] = 1 }), Is.EqualTo("transfer"));
        Assert.That(Get("get_ledger_transactions", new JsonObject { ["tx_type"] = "gift" }).Error, Is.EqualTo("invalid ledger transaction type"));
        Assert.That(Get("get_ledger_transactions", new JsonObject { ["sort"] = "sideways" }).Error, Is.EqualTo("failed to get transactions"));
        var deposit = Get("get_ledger_transactions", new JsonObject { ["tx_type"] = "app_deposit" }).Result!["ledger_transactions"]![0];
        Assert.That(Json(deposit), Is.EqualTo("{\"id\":1,\"tx_type\":\"app_deposit\",\"from_account\":\"" + Alice.Address + "\",\"to_account\":\"" + id
            + "\",\"asset\":\"usdc\",\"amount\":\"100\",\"created_at\":\"2025-06-01T12:00:00Z\"}"));
    }

    [Test]
    public void AppDefinition_ApplicationBlank_GoHandleGetAppDefinition()
    {
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [3, 5], 8), [], Alice);
        Assert.That(Json(Get("get_app_definition", new JsonObject { ["app_session_id"] = id }).Result), Is.EqualTo(
            "{\"application\":\"\",\"protocol\":\"NitroRPC/0.4\",\"participants\":[\"" + Alice.Address + "\",\"" + Bob.Address
            + "\"],\"weights\":[3,5],\"quorum\":8,\"challenge\":0,\"nonce\":1700000000000}"));
        Assert.That(Get("get_app_definition", new JsonObject()).Error, Is.EqualTo("missing account ID"));
        Assert.That(Get("get_app_definition", new JsonObject { ["app_session_id"] = "0xnope" }).Error, Is.EqualTo("failed to get application session"));
        Assert.That(Get("get_app_definition", new JsonArray()).Error, Is.EqualTo("failed to parse parameters"));
    }

    [Test]
    public void AppSessions_FiltersSortPaging_GoHandleGetAppSessions()
    {
        var ids = new List<string>();
        for (ulong n = 1; n <= 12; n++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            var parts = n % 2 == 0 ? new[] { Alice, Bob } : new[] { Bob, Carol };
            ids.Add(_h.Create(Definition(AppProtocols.V04, parts, [1, 1], 1, nonce: n), [], Alice));
        }
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        _h.Close(ids[0], [A(Bob, "0")], Alice, Bob);

        string[] List(JsonObject p) => Get("get_app_sessions", p).Result!["app_sessions"]!.AsArray().Select(s => s!["app_session_id"]!.GetValue<string>()).ToArray();
        Assert.That(List(new JsonObject()), Has.Length.EqualTo(10));
        Assert.That(List(new JsonObject())[0], Is.EqualTo(ids[0]), "most recently updated first");
        Assert.That(List(new JsonObject { ["sort"] = "ASC", ["limit"] = 2 }), Is.EqualTo(new[] { ids[1], ids[2] }));
        Assert.That(List(new JsonObject { ["limit"] = 500 }), Has.Length.EqualTo(12));
        Assert.That(List(new JsonObject { ["offset"] = 10 }), Has.Length.EqualTo(2));
        Assert.That(List(new JsonObject { ["participant"] = Alice.Address, ["limit"] = 100 }), Has.Length.EqualTo(6));
        Assert.That(List(new JsonObject { ["participant"] = Alice.Address.ToLowerInvariant() }), Is.Empty);
        Assert.That(List(new JsonObject { ["status"] = "closed" }), Is.EqualTo(new[] { ids[0] }));
        Assert.That(Get("get_app_sessions", new JsonObject { ["sort"] = "desc; drop" }).Error, Is.EqualTo("failed to get application sessions"));
        Assert.That(Get("get_app_sessions", new JsonObject { ["limit"] = -1 }).Error, Is.EqualTo("failed to parse parameters"));

        var closed = Get("get_app_sessions", new JsonObject { ["status"] = "closed" }).Result!["app_sessions"]![0];
        Assert.That(Json(closed), Is.EqualTo("{\"app_session_id\":\"" + ids[0] + "\",\"application\":\"chess\",\"status\":\"closed\",\"participants\":[\""
            + Bob.Address + "\",\"" + Carol.Address + "\"],\"protocol\":\"NitroRPC/0.4\",\"challenge\":0,\"weights\":[1,1],\"quorum\":1,\"version\":2,\"nonce\":1,"
            + "\"created_at\":\"2025-06-01T12:00:01Z\",\"updated_at\":\"2025-06-01T12:00:13Z\"}"));
    }

    [Test]
    public void AppSessions_SessionDataShownWhenSet()
    {
        var id = _h.Create(Definition(AppProtocols.V04, [Alice, Bob], [1, 1], 1), [], Alice);
        _h.Call("submit_app_state", Requests.SubmitAppState(id, "operate", 2, [], "<x>"), Alice, Alice);
        var s = Get("get_app_sessions", new JsonObject()).Result!["app_sessions"]![0]!;
        Assert.That(s["session_data"]!.GetValue<string>(), Is.EqualTo("<x>"));
        Assert.That(Json(s), Does.Contain("\"session_data\":\"\\u003cx\\u003e\",\"protocol\""));
    }

    /// <summary>Lets tests pass an optional caller positionally.</summary>
    internal readonly record struct EthKeyOrNull(Protocol.Crypto.EthKey? Key)
    {
        public static implicit operator EthKeyOrNull(Protocol.Crypto.EthKey key) => new(key);
    }
}
