using System.Globalization;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Conformance.Templates;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>What the suite believes about one app session of a case (the model the node is compared with).</summary>
public sealed class SessionModel
{
    /// <summary>The app_session_id: keccak256 of the definition until the node returns one.</summary>
    public required string Id { get; set; }
    /// <summary>Version per the spec (1 at create, +1 per successful update).</summary>
    public long Version { get; set; }
    /// <summary>open or closed.</summary>
    public string Status { get; set; } = "open";
    /// <summary>Protocol in the definition.</summary>
    public required string Protocol { get; init; }
    /// <summary>The definition's quorum, which default signers must reach.</summary>
    public long Quorum { get; init; }
    /// <summary>Participant addresses as sent.</summary>
    public required IReadOnlyList<string> Participants { get; init; }
    /// <summary>Participant wallet names (null for literals), parallel to <see cref="Participants"/>.</summary>
    public required IReadOnlyList<string?> ParticipantNames { get; init; }
    /// <summary>The definition's signature weights, parallel to <see cref="Participants"/>.</summary>
    public required IReadOnlyList<long> Weights { get; init; }
}

/// <summary>Per-case run-time state: keys, connections, sessions; resolves template placeholders.</summary>
public sealed class CaseState(ScenarioCase scenarioCase, RunSettings settings, Target target) : ITemplateScope
{
    /// <summary>The scenario and protocol being run.</summary>
    public ScenarioCase Case { get; } = scenarioCase;
    /// <summary>The run's settings (timeouts, asset names, strictness).</summary>
    public RunSettings Settings { get; } = settings;
    /// <summary>The node under test: URL, broker address, treasury.</summary>
    public Target Target { get; } = target;
    /// <summary>Wallet keys by name.</summary>
    public Dictionary<string, EthKey> Wallets { get; } = [];
    /// <summary>Session keys by wallet name.</summary>
    public Dictionary<string, EthKey> SessionKeys { get; } = [];
    /// <summary>Connections by wallet name.</summary>
    public Dictionary<string, CaseConnection> Connections { get; } = [];
    /// <summary>Wallets whose connection is authenticated.</summary>
    public HashSet<string> Authenticated { get; } = [];
    /// <summary>Wallets leased from the run's wallet pool (logged in by JWT), by wallet name.</summary>
    public Dictionary<string, WalletPool.PooledWallet> Leases { get; } = [];
    /// <summary>Saved JWTs by wallet name.</summary>
    public Dictionary<string, string> Jwts { get; } = [];
    /// <summary>Sessions by name.</summary>
    public Dictionary<string, SessionModel> Sessions { get; } = [];
    /// <summary>Funded totals per target symbol (the funds invariant's baseline).</summary>
    public Dictionary<string, decimal> Baseline { get; } = [];

    /// <summary>Extra session keys saved with <c>save_key_as</c>, by full reference (<c>alice.key2</c>).</summary>
    public Dictionary<string, EthKey> NamedKeys { get; } = [];
    /// <summary>The last auth_request of each wallet (challenge and signed policy), for <c>challenge: previous</c>.</summary>
    public Dictionary<string, Authenticator.Challenge> Challenges { get; } = [];
    /// <summary>The last request frame sent by a request step, and the connection that sent it (for <c>resend</c>).</summary>
    public (string Connection, SignedRequest Request)? LastRequest { get; set; }
    /// <summary>The response to the last request step, and the connection it came on (for <c>before_response</c>).</summary>
    public (string Connection, RpcFrame Response)? LastResponse { get; set; }
    /// <summary>Result fields kept by <c>save:</c> on a query or request step, read as <c>{saved:name}</c>.</summary>
    public Dictionary<string, string> Saved { get; } = [];
    /// <summary>The request id of the step being run, reserved when <c>{request_id}</c> is first rendered.</summary>
    public ulong? StepRequestId { get; set; }
    /// <summary>The Unix ms <c>{now}</c> renders to in the step being run, fixed when first rendered so a frame and its signed text agree.</summary>
    public long? StepNowMs { get; set; }

    private readonly List<CaseConnection> _opened = [];

    // Ids handed out for {request_id}; far above the per-connection counters so they never collide with them.
    private static long _requestIdSerial = 1L << 40;

    /// <summary>The id the current step's request uses: the reserved one when a template asked for it, else a fresh one from <paramref name="connection"/>.</summary>
    public ulong RequestIdFor(CaseConnection connection) => StepRequestId ?? connection.Client.NextRequestId();

    /// <summary>Key of a signer reference (<c>alice</c>, <c>alice.key</c> or a <c>save_key_as</c> name such as <c>alice.key2</c>).</summary>
    public EthKey Signer(string reference)
    {
        if (reference.EndsWith(".key", StringComparison.Ordinal))
        {
            var owner = reference[..^4];
            return SessionKeys.TryGetValue(owner, out var k) ? k
                : throw new StepFailure(Outcomes.Outcome.Failed, $"signer '{reference}': {owner} has no session key registered in this case");
        }
        if (reference.Contains('.', StringComparison.Ordinal))
            return NamedKeys.TryGetValue(reference, out var nk) ? nk
                : throw new StepFailure(Outcomes.Outcome.Failed, $"signer '{reference}': no key was saved under that name in this case (auth save_key_as)");
        return Wallets.TryGetValue(reference, out var w) ? w
            : throw new StepFailure(Outcomes.Outcome.Failed, $"signer '{reference}' is not a wallet of this case");
    }

    /// <summary>The wallet owning a signer reference.</summary>
    public static string OwnerOf(string reference) => reference.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? reference[..dot] : reference;

    /// <summary>A participant/destination as sent: a wallet name becomes its address; anything else is rendered.</summary>
    public string Address(string nameOrLiteral) =>
        Wallets.TryGetValue(nameOrLiteral, out var k) ? k.Address : TemplateRenderer.Render(nameOrLiteral, this);

    /// <summary>The named session or a failure naming it.</summary>
    public SessionModel Session(string name) => Sessions.TryGetValue(name, out var s) ? s
        : throw new StepFailure(Outcomes.Outcome.Failed, $"session '{name}' has not been created in this case (create it first, or check save_as)");

    /// <summary>The connection of <paramref name="wallet"/> (or of an extra connection such as <c>alice#2</c>), or a failure naming it.</summary>
    public CaseConnection Connection(string wallet) =>
        Connections.TryGetValue(wallet, out var c) ? c
        : throw new StepFailure(Outcomes.Outcome.Failed, $"wallet '{wallet}' has no connection (declared with connect: false?)");

    /// <summary>The first wallet of the scenario that is connected: the sender when a step names none.</summary>
    public string FirstConnected() =>
        Case.Scenario.Wallets.FirstOrDefault(w => Connections.ContainsKey(w.Name))?.Name
        ?? throw new StepFailure(Outcomes.Outcome.Failed, "no wallet of this case is connected");

    /// <summary>Every connection this case opened, including replaced and throwaway ones (for the end-of-case checks).</summary>
    public IReadOnlyList<CaseConnection> OpenedConnections
    {
        get
        {
            lock (_opened) return _opened.ToList();
        }
    }

    /// <summary>Opens a new connection to the target labelled <paramref name="owner"/>, with this run's timeouts.</summary>
    public async Task<CaseConnection> OpenConnectionAsync(string owner, CancellationToken ct)
    {
        var connection = await CaseConnection.OpenAsync(owner, Target.Url, Target.BrokerAddress, Settings.ConnectTimeoutMs,
            Settings.RequestTimeoutMs, Target.AuthRequests, ct).ConfigureAwait(false);
        lock (_opened) _opened.Add(connection);
        return connection;
    }

    /// <summary>Renders a template with this case's values.</summary>
    public string Render(string template) => TemplateRenderer.Render(template, this);

    /// <inheritdoc/>
    public string? Resolve(string name, string? argument) => name switch
    {
        "wallet" when argument is not null => Spelled(name, argument, a => Wallets.TryGetValue(a, out var w) ? w.Address : null),
        "key" when argument is not null => Spelled(name, argument, a => SessionKeys.TryGetValue(a, out var k) ? k.Address
            : NamedKeys.TryGetValue(a, out var nk) ? nk.Address : null),
        "saved" when argument is not null => Saved.GetValueOrDefault(argument),
        "jwt" when argument is not null => Jwts.GetValueOrDefault(argument),
        "request_id" when argument is null => (StepRequestId ??= (ulong)Interlocked.Increment(ref _requestIdSerial)).ToString(CultureInfo.InvariantCulture),
        "session" => Sessions.TryGetValue(argument ?? "main", out var s) ? s.Id : null,
        "version" => Sessions.TryGetValue(argument ?? "main", out var s) ? s.Version.ToString(CultureInfo.InvariantCulture) : null,
        "quorum" => Sessions.TryGetValue(argument ?? "main", out var s) ? s.Quorum.ToString(CultureInfo.InvariantCulture) : null,
        "asset" => Settings.Asset(argument ?? "usdc"),
        "now" => (StepNowMs ??= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture),
        "broker" => Target.BrokerAddress,
        "protocol" => Case.Protocol,
        _ => argument is null && Case.Scenario.Parameters.TryGetValue(name, out var p) ? p : null,
    };

    // {wallet:eve} or {wallet:eve/bare}: the address of the reference before the slash, spelled as the text after it says.
    private static string? Spelled(string name, string argument, Func<string, string?> address)
    {
        var slash = argument.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return address(argument);
        var form = argument[(slash + 1)..];
        if (address(argument[..slash]) is not { } found) return null;
        return AddressSpelling.Apply(form, found)
            ?? throw new TemplateException($"{{{name}:{argument}}}: unknown address spelling '{form}' (one of {string.Join(", ", AddressSpelling.Forms)})");
    }
}
