using NitroConformance.Protocol.Auth;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>One wallet authenticated on its own WebSocket connection.</summary>
public sealed class AuthenticatedConnection(EthKey wallet, ClearNodeClient client) : IAsyncDisposable
{
    /// <summary>Application name the harness registers its session keys under (exempt from scoping, as the SDK's full-power keys).</summary>
    public const string Application = "clearnode";

    /// <summary>The wallet key (it also signs requests directly).</summary>
    public EthKey Wallet { get; } = wallet;

    /// <summary>The connection.</summary>
    public ClearNodeClient Client { get; } = client;

    /// <summary>Connects and authenticates <paramref name="wallet"/>; <paramref name="pushObserver"/> sees every push with its receipt time.</summary>
    public static async Task<AuthenticatedConnection> OpenAsync(Uri target, EthKey wallet, Action<RpcFrame>? pushObserver, TimeSpan timeout, CancellationToken ct)
    {
        timeout = SetupTimeout(timeout);
        var client = await ClearNodeClient.ConnectAsync(target, new ClearNodeClientOptions
        {
            ConnectTimeout = timeout, RequestTimeout = timeout, FrameLogEnabled = false, PushObserver = pushObserver,
            AnsweredRequestMemory = 0, // the load path keeps no duplicate-answer table (a conformance check)
        }, ct).ConfigureAwait(false);
        try
        {
            await AuthenticateAsync(client, wallet, timeout, ct).ConfigureAwait(false);
            return new AuthenticatedConnection(wallet, client);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Set-up (connect, auth, create) is not measured, so it gets at least 10 s even when samples time out sooner.</summary>
    public static TimeSpan SetupTimeout(TimeSpan sampleTimeout) => sampleTimeout > TimeSpan.FromSeconds(10) ? sampleTimeout : TimeSpan.FromSeconds(10);

    /// <summary>EIP-712 authentication with a fresh session key derived from the wallet.</summary>
    public static Task<AuthResult> AuthenticateAsync(ClearNodeClient client, EthKey wallet, TimeSpan timeout, CancellationToken ct)
    {
        var sessionKey = EthKey.FromSeed("nitro-load/session-key/" + wallet.Address);
        var expires = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return AuthFlow.AuthenticateAsync(client, wallet, new AuthOptions(sessionKey.Address, Application, "all", [], expires), timeout, ct);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
