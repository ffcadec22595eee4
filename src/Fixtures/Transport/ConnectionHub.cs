using System.Collections.Concurrent;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Transport;

/// <summary>All open connections of one node; delivers pushes to every connection bound to a wallet.</summary>
public sealed class ConnectionHub
{
    private readonly ConcurrentDictionary<long, NodeConnection> _connections = new();

    /// <summary>Registers a newly upgraded connection.</summary>
    public void Add(NodeConnection connection) => _connections[connection.Id] = connection;

    /// <summary>Forgets a closed connection.</summary>
    public void Remove(NodeConnection connection) => _connections.TryRemove(connection.Id, out _);

    /// <summary>Open connections whose bound wallet equals <paramref name="wallet"/> exactly (clearnode-rpc.md §6.1).</summary>
    public IEnumerable<NodeConnection> BoundTo(string wallet) =>
        _connections.Values.Where(c => string.Equals(c.Wallet, wallet, StringComparison.Ordinal)).OrderBy(c => c.Id);

    /// <summary>Number of open connections.</summary>
    public int Count => _connections.Count;

    /// <summary>Every open connection.</summary>
    public IEnumerable<NodeConnection> All => _connections.Values;
}
