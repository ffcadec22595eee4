using System.Collections.Concurrent;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Protocol.Auth;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>
/// Wallets that logged in once (one <c>auth_request</c>) and are leased to cases whose scenario does not test
/// authentication: each lease re-authenticates on a new connection with the wallet's JWT, so a run stays far below the
/// node's challenge cap (1000 pending challenges in Go, <c>auth.go</c>). A wallet comes back only when the case left it
/// clean (swept to a zero unified balance); otherwise it is dropped and a new one is made when needed.
/// </summary>
public sealed class WalletPool(Target target, RunSettings settings)
{
    // Past this many wallets a lease first waits briefly for one to come back: under concurrency most leases are
    // otherwise met by new logins although a wallet is returned a moment later.
    private static readonly TimeSpan ReturnWait = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentQueue<PooledWallet> _free = new();
    private readonly SemaphoreSlim _returned = new(0);
    private readonly int _softCap = Math.Max(4, settings.Parallelism * 4);
    private int _created;

    /// <summary>A logged-in wallet: its key and the JWT that re-authenticates it.</summary>
    public sealed record PooledWallet(EthKey Key, string Jwt);

    /// <summary>Wallets made so far (one auth_request each).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>A free clean wallet, or a new one logged in now.</summary>
    public async Task<PooledWallet> LeaseAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_free.TryDequeue(out var free)) return free;
            if (Created < _softCap || !await _returned.WaitAsync(ReturnWait, ct).ConfigureAwait(false)) break;
        }
        var n = Interlocked.Increment(ref _created);
        var key = EthKey.FromSeed($"{settings.Seed}/{target.RunId}/pool/{n}");
        var sessionKey = EthKey.FromSeed($"{settings.Seed}/{target.RunId}/pool/{n}/key");
        await using var conn = await CaseConnection.OpenAsync($"pool#{n}", target.Url, target.BrokerAddress, settings.ConnectTimeoutMs,
            settings.RequestTimeoutMs, target.AuthRequests, ct).ConfigureAwait(false);
        target.AuthRequests.Add(RpcMethods.AuthRequest);
        var auth = await AuthFlow.AuthenticateAsync(conn.Client, key,
            new AuthOptions(sessionKey.Address, "clearnode", "", [], (ulong)DateTimeOffset.UtcNow.AddHours(6).ToUnixTimeSeconds()),
            TimeSpan.FromMilliseconds(settings.RequestTimeoutMs), ct).ConfigureAwait(false);
        return new PooledWallet(key, auth.Jwt);
    }

    /// <summary>Gives a wallet back for the next case (only call when its unified balance is zero).</summary>
    public void Return(PooledWallet wallet)
    {
        _free.Enqueue(wallet);
        _returned.Release();
    }
}
