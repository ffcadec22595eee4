using System.Globalization;
using System.Threading.Channels;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>Session churn: each iteration creates an app session, submits N states and closes it, on one of several participant groups ("slots").</summary>
public sealed class SessionChurnScenario(Uri target, SessionChurnOptions options) : ILoadScenario
{

    private sealed record Cycle(string SessionId, SignedRequest Create, (int Member, SignedRequest Request)[] Submits, SignedRequest Close);

    private readonly List<(AuthenticatedConnection[] Members, PresignedQueue<Cycle> Ready)> _slots = [];
    private readonly Channel<int> _idle = Channel.CreateUnbounded<int>();
    private readonly ulong _nonceBase = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private long _nonce;
    private BackgroundSigner? _signer;

    /// <inheritdoc/>
    public string Name => "session-churn";
    /// <inheritdoc/>
    public string HeadlineMetric => "churn.cycle";
    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics { get; } =
        [MetricDeclaration.Latency("churn.create"), MetricDeclaration.Latency("churn.submit"), MetricDeclaration.Latency("churn.close"), MetricDeclaration.Latency("churn.cycle")];
    /// <inheritdoc/>
    public string SigningMode => $"pre-signed: whole cycles (create, {options.Submits} submits, close; session id computed client-side) signed ahead on a background task with the {Secp256k1.Default.Name} signer, discarded after 30 s; inline signs: {_slots.Sum(s => Interlocked.Read(ref s.Ready.InlineSigns))}";

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        for (var s = 0; s < options.Slots; s++)
        {
            var slot = s;
            var members = await Task.WhenAll(Enumerable.Range(0, options.Participants).Select(p =>
                AuthenticatedConnection.OpenAsync(target, EthKey.FromSeed($"nitro-load/churn/s{slot}/p{p}"), null, options.Timeout, ct))).ConfigureAwait(false);
            _slots.Add((members, new PresignedQueue<Cycle>(4, 30_000, () => SignCycle(members))));
            _idle.Writer.TryWrite(s);
        }
        foreach (var s in _slots) s.Ready.Refill();
        _signer = new BackgroundSigner(() => { foreach (var s in _slots) s.Ready.Refill(); });
    }

    private Cycle SignCycle(AuthenticatedConnection[] m)
    {
        var definition = new AppDefinition("nitro-load-churn", "NitroRPC/0.4", m.Select(x => x.Wallet.Address).ToList(), m.Select(_ => 1L).ToList(), 1, 86400,
            _nonceBase + (ulong)Interlocked.Increment(ref _nonce));
        var id = AppSessionId.Compute(definition);
        var create = RpcFrames.SignRequest(m[0].Client.CreateRequest(RpcMethods.CreateAppSession, Requests.CreateAppSession(definition, [])), [m[0].Wallet]);
        var subs = Enumerable.Range(0, options.Submits).Select(i =>
        {
            var version = (ulong)(i + 2); // create leaves the session at version 1
            var member = (int)(version % (ulong)m.Length);
            return (member, RpcFrames.SignRequest(m[member].Client.CreateRequest(RpcMethods.SubmitAppState,
                Requests.SubmitAppState(id, "operate", version, [], $"{{\"v\":{version}}}")), [m[member].Wallet]));
        }).ToArray();
        // Close needs a non-empty allocation list; zero shares for everyone match the empty session.
        var close = RpcFrames.SignRequest(m[0].Client.CreateRequest(RpcMethods.CloseAppSession, Requests.CloseAppSession(id, m.Select(x => new AppAllocation(x.Wallet.Address, "usdc", "0")))), [m[0].Wallet]);
        return new Cycle(id, create, subs, close);
    }

    /// <inheritdoc/>
    public Task RunIterationAsync(IterationContext ctx) =>
        IdleLease.RunAsync(_idle, ctx, options.Timeout * (options.Submits + 2), "churn.cycle", "slot", async (s, ct) =>
        {
            var step = "churn.create";
            try
            {
                var (m, ready) = _slots[s];
                var cycle = ready.Take();
                var created = await m[0].Client.SendSignedAsync(cycle.Create, options.Timeout, ct).ConfigureAwait(false);
                ctx.Record(step, created.ReceivedTimestamp);
                var id = created.Params?["app_session_id"]?.GetValue<string>();
                if (!string.Equals(id, cycle.SessionId, StringComparison.OrdinalIgnoreCase))
                {
                    ctx.RecordError("churn.cycle", "app_session_id differs from the client-side computation");
                    return;
                }
                step = "churn.submit";
                foreach (var (member, request) in cycle.Submits)
                {
                    var sent = RunClock.Now;
                    var r = await m[member].Client.SendSignedAsync(request, options.Timeout, ct).ConfigureAwait(false);
                    ctx.RecordBetween(step, sent, r.ReceivedTimestamp);
                }
                step = "churn.close";
                var closeSent = RunClock.Now;
                var closed = await m[0].Client.SendSignedAsync(cycle.Close, options.Timeout, ct).ConfigureAwait(false);
                ctx.RecordBetween(step, closeSent, closed.ReceivedTimestamp);
                ctx.Record("churn.cycle", closed.ReceivedTimestamp);
            }
            catch (RpcErrorException e)
            {
                ctx.RecordError(step, e.ErrorText);
                ctx.RecordError("churn.cycle", "step failed: " + step);
            }
            catch (TimeoutException)
            {
                ctx.RecordError(step, "timeout");
                ctx.RecordError("churn.cycle", "step timed out: " + step);
            }
        });

    /// <inheritdoc/>
    public ScenarioExtras Extras() => new(null, new Dictionary<string, string>
    {
        ["slots"] = options.Slots.ToString(CultureInfo.InvariantCulture),
        ["participants"] = options.Participants.ToString(CultureInfo.InvariantCulture),
        ["submits_per_session"] = options.Submits.ToString(CultureInfo.InvariantCulture),
        ["latency_origin"] = "churn.create and churn.cycle from the intended start; churn.submit and churn.close from their own send",
    });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_signer is not null) await _signer.DisposeAsync().ConfigureAwait(false);
        foreach (var (m, _) in _slots)
            foreach (var c in m) await c.DisposeAsync().ConfigureAwait(false);
    }
}
