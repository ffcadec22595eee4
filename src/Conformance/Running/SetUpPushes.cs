using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The pushes a case's set-up causes (on-connect <c>assets</c>, post-login <c>channels</c> and <c>bu</c>, funding
/// <c>bu</c> and <c>tr</c>) and a bounded wait for them, so none arrives after the first step has cleared earlier pushes.</summary>
/// <remarks>The node writes these after the response that caused them (Go <c>rpc_node.go</c> ~l.228: the response, then the
/// on-authenticated handlers; <c>rpc_router.go</c> ~l.132-168 <c>HandleAuthenticated</c> sends channels then bu;
/// <c>rpc_router_private.go</c> ~l.401-410 notifies the transfer's destination with bu and tr), so a reply in hand does
/// not mean its pushes are. A target that omits some only costs the wait; the set-up does not judge them.</remarks>
public sealed class SetUpPushes
{
    private readonly Dictionary<CaseConnection, List<string>> _expected = [];
    private readonly Dictionary<string, List<CaseConnection>> _loggedIn = [];

    /// <summary>A connection was opened: the node greets it with <c>assets</c>.</summary>
    public void Connected(CaseConnection connection) => Expect(connection, RpcMethods.AssetsPush);

    /// <summary><paramref name="connection"/> logged in as <paramref name="wallet"/> from unauthenticated: <c>channels</c> and <c>bu</c> follow.</summary>
    public void LoggedIn(string wallet, CaseConnection connection)
    {
        Expect(connection, RpcMethods.ChannelsPush, RpcMethods.BalanceUpdatePush);
        lock (_loggedIn)
        {
            if (!_loggedIn.TryGetValue(wallet, out var list)) _loggedIn[wallet] = list = [];
            list.Add(connection);
        }
    }

    /// <summary>The treasury transferred to <paramref name="wallet"/>: each of its logged-in connections gets <c>bu</c> and <c>tr</c>.</summary>
    public void Funded(string wallet)
    {
        List<CaseConnection> connections;
        lock (_loggedIn) connections = _loggedIn.TryGetValue(wallet, out var list) ? [.. list] : [];
        foreach (var c in connections) Expect(c, RpcMethods.BalanceUpdatePush, RpcMethods.TransferPush);
    }

    /// <summary>Waits until every connection has received its expected pushes, or <paramref name="limit"/> passes; it reads no push, so the steps still see them all.</summary>
    public async Task SettleAsync(TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (!AllArrived() && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(5, ct).ConfigureAwait(false);
    }

    private void Expect(CaseConnection connection, params string[] methods)
    {
        lock (_expected)
        {
            if (!_expected.TryGetValue(connection, out var list)) _expected[connection] = list = [];
            list.AddRange(methods);
        }
    }

    private bool AllArrived()
    {
        lock (_expected)
        {
            return _expected.All(e => e.Value.GroupBy(m => m).All(g => e.Key.PushesReceived(g.Key) >= g.Count()));
        }
    }
}
