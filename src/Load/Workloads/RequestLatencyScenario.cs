using System.Globalization;
using System.Threading.Channels;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>Request latency of one method (ping, get_ledger_balances or transfer) over a pool of authenticated connections.</summary>
public sealed class RequestLatencyScenario(Uri target, RequestLatencyOptions options) : ILoadScenario
{

    private readonly List<(AuthenticatedConnection Conn, PresignedQueue<SignedRequest> Ready)> _pool = [];
    private readonly Channel<int> _idle = Channel.CreateUnbounded<int>();
    private BackgroundSigner? _signer;

    /// <summary>Methods this workload can drive.</summary>
    public static IReadOnlyList<string> Methods { get; } = [RpcMethods.Ping, RpcMethods.GetLedgerBalances, RpcMethods.Transfer];

    /// <summary>Metric name: request.&lt;method&gt;.</summary>
    public string Metric => "request." + options.Method;

    /// <inheritdoc/>
    public string Name => "request-latency";
    /// <inheritdoc/>
    public string HeadlineMetric => Metric;
    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics => [MetricDeclaration.Latency(Metric)];
    /// <inheritdoc/>
    public string SigningMode => $"pre-signed: 16 requests per connection signed ahead on a background task with the {Secp256k1.Default.Name} signer, discarded after 30 s; inline signs: {_pool.Sum(p => Interlocked.Read(ref p.Ready.InlineSigns))}";

    /// <summary>Wallet of connection <paramref name="i"/>; the embedded node credits these for transfers.</summary>
    public static EthKey WalletFor(int i) => EthKey.FromSeed($"nitro-load/request/w{i}");

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(i => AuthenticatedConnection.OpenAsync(target, WalletFor(i), null, options.Timeout, ct))).ConfigureAwait(false);
        for (var i = 0; i < opened.Length; i++)
        {
            var conn = opened[i];
            var peer = WalletFor((i + 1) % options.Connections).Address;
            _pool.Add((conn, new PresignedQueue<SignedRequest>(16, 30_000, () => Sign(conn, peer))));
            _idle.Writer.TryWrite(i);
        }
        foreach (var p in _pool) p.Ready.Refill();
        _signer = new BackgroundSigner(() => { foreach (var p in _pool) p.Ready.Refill(); });
    }

    private SignedRequest Sign(AuthenticatedConnection c, string peer)
    {
        var parameters = options.Method switch
        {
            RpcMethods.Ping => Requests.Ping(),
            RpcMethods.GetLedgerBalances => Requests.GetLedgerBalances(),
            _ => Requests.Transfer(peer, [new TransferAllocation("usdc", "0.000001")]),
        };
        return RpcFrames.SignRequest(c.Client.CreateRequest(options.Method, parameters), options.Method == RpcMethods.Ping ? [] : [c.Wallet]);
    }

    /// <inheritdoc/>
    public Task RunIterationAsync(IterationContext ctx) =>
        IdleLease.RunAsync(_idle, ctx, options.Timeout, Metric, "connection", async (i, ct) =>
        {
            try
            {
                var (conn, ready) = _pool[i];
                var response = await conn.Client.SendSignedAsync(ready.Take(), options.Timeout, ct).ConfigureAwait(false);
                ctx.Record(Metric, response.ReceivedTimestamp);
            }
            catch (RpcErrorException e)
            {
                ctx.RecordError(Metric, e.ErrorText);
            }
            catch (TimeoutException)
            {
                ctx.RecordError(Metric, "timeout");
            }
        });

    /// <inheritdoc/>
    public ScenarioExtras Extras() => new(null, new Dictionary<string, string>
    {
        ["method"] = options.Method,
        ["connections"] = options.Connections.ToString(CultureInfo.InvariantCulture),
    });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_signer is not null) await _signer.DisposeAsync().ConfigureAwait(false);
        foreach (var (c, _) in _pool) await c.DisposeAsync().ConfigureAwait(false);
    }
}
