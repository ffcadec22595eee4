using System.Globalization;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>Auth storm: every iteration opens a new connection and authenticates (auth_request → EIP-712 auth_verify), many at once.</summary>
public sealed class AuthStormScenario(Uri target, AuthStormOptions options) : ILoadScenario
{

    private EthKey[] _wallets = [];
    private long _next;

    /// <inheritdoc/>
    public string Name => "auth-storm";
    /// <inheritdoc/>
    public string HeadlineMetric => "auth.total";
    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics { get; } =
        [MetricDeclaration.Latency("auth.connect"), MetricDeclaration.Latency("auth.request"), MetricDeclaration.Latency("auth.verify"), MetricDeclaration.Latency("auth.total")];
    /// <inheritdoc/>
    public string SigningMode =>
        $"the EIP-712 signature needs the server's challenge, so it is made between auth.request and auth.verify with the {Secp256k1.Default.Name} signer: " +
        "auth.connect, auth.request and auth.verify exclude it; auth.total (intended start → verify reply) includes one signature";

    /// <inheritdoc/>
    public Task InitAsync(CancellationToken ct)
    {
        _wallets = Enumerable.Range(0, options.Wallets).Select(i => EthKey.FromSeed($"nitro-load/auth/w{i}")).ToArray();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task RunIterationAsync(IterationContext ctx)
    {
        var wallet = _wallets[(int)(Interlocked.Increment(ref _next) % _wallets.Length)];
        var step = "auth.connect";
        try
        {
            await using var client = await ClearNodeClient.ConnectAsync(target, new ClearNodeClientOptions
            {
                ConnectTimeout = options.Timeout, RequestTimeout = options.Timeout, FrameLogEnabled = false, AnsweredRequestMemory = 0,
            }, ctx.Token).ConfigureAwait(false);
            ctx.Record(step, RunClock.Now);
            step = "auth.request";
            var sessionKey = EthKey.FromSeed("nitro-load/session-key/" + wallet.Address).Address;
            var expires = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            var sent = RunClock.Now;
            var challengeFrame = await client.RequestAsync(RpcMethods.AuthRequest,
                Requests.AuthRequest(wallet.Address, sessionKey, AuthenticatedConnection.Application, [], expires, "all"), [], options.Timeout, ctx.Token).ConfigureAwait(false);
            ctx.RecordBetween(step, sent, challengeFrame.ReceivedTimestamp);
            step = "auth.verify";
            var challenge = challengeFrame.Params?["challenge_message"]?.GetValue<string>()
                ?? throw new InvalidOperationException("auth_challenge without challenge_message");
            var signature = Eip712Auth.Sign(wallet, AuthenticatedConnection.Application,
                new AuthPolicy(challenge, "all", wallet.Address, sessionKey, expires, []));
            var verify = RpcFrames.Assemble(client.CreateRequest(RpcMethods.AuthVerify, Requests.AuthVerify(challenge)), [signature]);
            sent = RunClock.Now;
            var verified = await client.SendSignedAsync(verify, options.Timeout, ctx.Token).ConfigureAwait(false);
            ctx.RecordBetween(step, sent, verified.ReceivedTimestamp);
            ctx.Record("auth.total", verified.ReceivedTimestamp);
        }
        catch (RpcErrorException e)
        {
            ctx.RecordError(step, e.ErrorText);
            ctx.RecordError("auth.total", "step failed: " + step);
        }
        catch (Exception e) when (e is TimeoutException or ConnectionClosedException)
        {
            ctx.RecordError(step, e is TimeoutException ? "timeout" : "connection closed");
            ctx.RecordError("auth.total", "step failed: " + step);
        }
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras() => new(null, new Dictionary<string, string> { ["wallets"] = options.Wallets.ToString(CultureInfo.InvariantCulture) });

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
