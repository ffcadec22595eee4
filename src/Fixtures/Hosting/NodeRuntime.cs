using NitroConformance.Fixtures.Auth;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Envelope;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Fixtures.Routing;
using NitroConformance.Fixtures.Transport;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>What the relay needs to know of an app session.</summary>
public sealed record RelaySession(string AppSessionId, IReadOnlyList<string> Participants, bool IsOpen);

/// <summary>The shared state of one node instance: clock, keys, connections, auth tables, defects.</summary>
public sealed class NodeRuntime
{
    /// <summary>Key that signs frames under <see cref="DefectId.ResponsesSignedByWrongKey"/>.</summary>
    public static readonly EthKey WrongBrokerKey = EthKey.FromSeed("nitroconformance/not-the-broker");

    /// <summary>Builds the runtime from validated options.</summary>
    public NodeRuntime(ReferenceNodeOptions options)
    {
        Options = options;
        Clock = options.Clock;
        Broker = EthKey.FromHex(options.BrokerPrivateKey);
        Behaviour = NodeBehaviour.From(options);
        Defects = Behaviour.Defects(options.Defects);
        Signer = new FrameSigner(Has(DefectId.ResponsesSignedByWrongKey) ? WrongBrokerKey : Broker);
        Challenges = new ChallengeStore(Clock, options.MaxChallenges, options.ChallengeLifetime,
            Behaviour.GoFaithful ? ChallengeStore.GoSweepInterval : null);
        Ledger = new State.NodeLedgerState(Behaviour);
        AuthSessions = new AuthSessionTable(Clock, options.AuthSessionLifetime);
        Jwt = new JwtCodec(Clock, options.AuthSessionLifetime);
    }

    /// <summary>The options the node was started with.</summary>
    public ReferenceNodeOptions Options { get; }

    /// <summary>The node clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The broker key (its address is <c>broker_address</c>).</summary>
    public EthKey Broker { get; }

    /// <summary>Profile-dependent behaviour (Go fidelity, replay window, iteration order).</summary>
    public NodeBehaviour Behaviour { get; }

    /// <summary>Seeded defects of this instance (under the Go profile including the Go bugs).</summary>
    public IReadOnlySet<DefectId> Defects { get; }

    /// <summary>Signs outbound frames.</summary>
    public FrameSigner Signer { get; }

    /// <summary>Open connections.</summary>
    public ConnectionHub Hub { get; } = new();

    /// <summary>Pending <c>auth_request</c> challenges.</summary>
    public ChallengeStore Challenges { get; }

    /// <summary>Per-wallet sliding auth sessions.</summary>
    public AuthSessionTable AuthSessions { get; }

    /// <summary>JWT issue/verify.</summary>
    public JwtCodec Jwt { get; }

    /// <summary>Registered session keys.</summary>
    public SessionKeyStore SessionKeys { get; } = new();

    /// <summary>User tags.</summary>
    public UserTagStore UserTags { get; } = new();

    /// <summary>Serialises all request handling and state changes of the node.</summary>
    public object StateLock { get; } = new();

    /// <summary>Ledger balances and app sessions (seed with <c>Ledger.Credit</c> or <see cref="ReferenceNodeOptions.InitialBalances"/>).</summary>
    public State.NodeLedgerState Ledger { get; }

    /// <summary>Recorded calls for <c>get_rpc_history</c> (kept across a restart, like the Go node's table).</summary>
    public RpcHistory History { get; } = new();

    /// <summary>Amount a session key has spent of an asset (wired to the ledger; 0 until then).</summary>
    public Func<string, string, decimal> SessionKeyUsage { get; set; } = static (_, _) => 0m;

    /// <summary>The <c>bu</c> payload with a wallet's unified balances (wired to the ledger).</summary>
    public Func<string, System.Text.Json.Nodes.JsonObject> BalancePayload { get; set; } =
        static _ => new System.Text.Json.Nodes.JsonObject { ["balance_updates"] = new System.Text.Json.Nodes.JsonArray() };

    /// <summary>Looks up an app session for the relay (wired to the ledger's session store).</summary>
    public Func<string, RelaySession?> FindAppSession { get; set; } = static _ => null;

    private TaskCompletionSource<GoPanicException> _death = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the node died of a Go panic (<see cref="NodeProfile.GoV05"/> only).</summary>
    public Task<GoPanicException> Death => _death.Task;

    /// <summary>True after a Go panic until <see cref="Revive"/>.</summary>
    public bool IsDead => _death.Task.IsCompleted;

    /// <summary>Dies as the Go process does on an unrecovered panic: every connection is dropped at once.</summary>
    public void Die(GoPanicException panic)
    {
        if (!_death.TrySetResult(panic)) return;
        foreach (var connection in Hub.All.ToList()) connection.Abort();
    }

    /// <summary>
    /// Comes back after a death like a restarted Go process: what Go keeps in memory (challenges, auth sessions) is
    /// gone, what it keeps in its database (ledger, sessions, keys, tags, history) is kept.
    /// </summary>
    public void Revive()
    {
        Challenges.Clear();
        AuthSessions.Clear();
        _death = new TaskCompletionSource<GoPanicException>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>True when <paramref name="defect"/> is seeded.</summary>
    public bool Has(DefectId defect) => Defects.Contains(defect);

    /// <summary>Server time in Unix milliseconds.</summary>
    public ulong NowMs() => (ulong)Clock.GetUtcNow().ToUnixTimeMilliseconds();
}
