using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Conformance.Running;

/// <summary>A node under test: where it listens, its broker, and the treasury wallet that funds case wallets.</summary>
public sealed class Target(string name, Uri url, string brokerAddress, EthKey treasury, bool embedded, IAsyncDisposable? owner) : IAsyncDisposable
{
    /// <summary>Name in reports and of the known-failing list (<c>reference</c> for the embedded node).</summary>
    public string Name { get; } = name;
    /// <summary>The WebSocket URL every case connects to.</summary>
    public Uri Url { get; } = url;
    /// <summary>Broker address every frame must be signed by.</summary>
    public string BrokerAddress { get; } = brokerAddress;
    /// <summary>Funded treasury wallet.</summary>
    public EthKey Treasury { get; } = treasury;
    /// <summary>True for the embedded reference node.</summary>
    public bool Embedded { get; } = embedded;
    /// <summary>Fresh for every run: mixed into every derived key, so a re-run with the same <c>Run:Seed</c> never meets
    /// the wallets, session ids or session keys of an earlier run on a node that keeps its data.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];
    /// <summary><c>auth_request</c> frames the suite sent to this node in this run (the node's challenge store is bounded).</summary>
    public AuthRequestCounter AuthRequests { get; } = new();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
