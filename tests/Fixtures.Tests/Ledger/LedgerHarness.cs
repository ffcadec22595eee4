using System.Text.Json.Nodes;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Fixtures.Tests.Ledger;

/// <summary>One node's ledger handlers with a manual clock and fake session keys; calls are really signed.</summary>
internal sealed class LedgerHarness
{
    public static readonly EthKey Alice = EthKey.FromSeed("ledger-test alice");
    public static readonly EthKey Bob = EthKey.FromSeed("ledger-test bob");
    public static readonly EthKey Carol = EthKey.FromSeed("ledger-test carol");
    public static readonly EthKey Mallory = EthKey.FromSeed("ledger-test mallory");
    public static readonly EthKey AliceKey = EthKey.FromSeed("ledger-test alice session key");
    public static readonly EthKey BobKey = EthKey.FromSeed("ledger-test bob session key");

    private readonly Dictionary<string, IRpcMethodHandler> _handlers;
    private ulong _nextId = 1;

    public LedgerHarness(params DefectId[] defects) : this(NodeBehaviour.Default, defects)
    {
    }

    /// <summary>Handlers over a ledger with <paramref name="behaviour"/> (its defects added as a node would).</summary>
    public LedgerHarness(NodeBehaviour behaviour, params DefectId[] defects)
    {
        Clock = new ManualClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        Keys = new FakeSessionKeys(Clock);
        Tags = new FakeTags();
        State = new NodeLedgerState(behaviour);
        _handlers = LedgerMethods.Create(State, Keys, Clock, behaviour.Defects(defects.ToHashSet()), Tags).ToDictionary(h => h.Method);
    }

    public NodeLedgerState State { get; }
    public ManualClock Clock { get; }
    public FakeSessionKeys Keys { get; }
    public FakeTags Tags { get; }

    public IRpcMethodHandler Handler(string method) => _handlers[method];

    /// <summary>Signs the request with every signer (in order) and calls the handler as <paramref name="caller"/>.</summary>
    public MethodOutcome Call(string method, JsonNode parameters, EthKey? caller, params EthKey[] signers)
    {
        var request = new RpcRequest(_nextId++, method, parameters, (ulong)Clock.Now.ToUnixTimeMilliseconds());
        var signed = RpcFrames.SignRequest(request, signers);
        return CallRaw(method, signed.ReqJson, signed.Signatures, caller?.Address);
    }

    public MethodOutcome CallRaw(string method, string rawReq, IReadOnlyList<string> signatures, string? callerWallet)
    {
        var parameters = JsonNode.Parse(rawReq)!.AsArray()[2]!.DeepClone();
        var call = new RpcCall(callerWallet, 1, method, parameters, rawReq, signatures, Clock.Now);
        return _handlers[method].Handle(call);
    }

    public static AppDefinition Definition(string protocol, IReadOnlyList<EthKey> participants, long[] weights, ulong quorum,
        string application = "chess", ulong nonce = 1700000000000) =>
        new(application, protocol, participants.Select(p => p.Address).ToArray(), weights, quorum, 0, nonce);

    public static AppAllocation A(EthKey who, string amount, string asset = "usdc") => new(who.Address, asset, amount);

    /// <summary>Creates a session and asserts success; returns its id.</summary>
    public string Create(AppDefinition definition, AppAllocation[] allocations, EthKey caller, params EthKey[] signers)
    {
        var outcome = Call("create_app_session", Requests.CreateAppSession(definition, allocations), caller, signers);
        if (outcome.IsError) throw new InvalidOperationException("create failed: " + outcome.Error);
        return outcome.Result!["app_session_id"]!.GetValue<string>();
    }

    public MethodOutcome Submit02(string id, AppAllocation[] allocations, EthKey caller, params EthKey[] signers) =>
        Call("submit_app_state", Requests.SubmitAppState(id, allocations), caller, signers);

    public MethodOutcome Submit04(string id, string intent, ulong version, AppAllocation[] allocations, EthKey caller, params EthKey[] signers) =>
        Call("submit_app_state", Requests.SubmitAppState(id, intent, version, allocations), caller, signers);

    public MethodOutcome Close(string id, AppAllocation[] allocations, EthKey caller, params EthKey[] signers) =>
        Call("close_app_session", Requests.CloseAppSession(id, allocations), caller, signers);

    public decimal Unified(EthKey who, string asset = "usdc") => State.UnifiedBalance(who.Address, asset);

    public decimal Share(string sessionId, EthKey who, string asset = "usdc") => State.Balance(sessionId, who.Address, asset);

    public AppSessionRecord Session(string id) => State.FindAppSession(id)!;

    /// <summary>"method→wallet" for every push, in order.</summary>
    public static string[] Pushes(MethodOutcome outcome) => outcome.Notifications.Select(n => $"{n.Method}→{Name(n.Wallet)}").ToArray();

    public static string Name(string wallet) =>
        wallet == Alice.Address ? "alice" : wallet == Bob.Address ? "bob" : wallet == Carol.Address ? "carol"
        : wallet == Mallory.Address ? "mallory" : wallet;

    public static string Json(JsonNode? node) => GoJson.Serialize(node);

    /// <summary>Asserts that no value was created or destroyed.</summary>
    public void AssertConserved() =>
        NUnit.Framework.Assert.That(State.ConservationViolations(), NUnit.Framework.Is.Empty, "ledger rows no longer sum to the seeded totals");
}

/// <summary>User tags for transfer tests.</summary>
internal sealed class FakeTags : IUserTagDirectory
{
    private readonly Dictionary<string, string> _byWallet = new(StringComparer.Ordinal);

    public void Set(string wallet, string tag) => _byWallet[wallet] = tag;

    public string? WalletForTag(string tag) => _byWallet.FirstOrDefault(kv => kv.Value == tag).Key;

    public string? TagForWallet(string wallet) => _byWallet.GetValueOrDefault(wallet);
}
