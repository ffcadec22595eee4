using NitroConformance.Fixtures;

namespace NitroConformance.Load.Workloads;

/// <summary>The node under load: the embedded reference node (started here) or a ws:// URL on loopback.</summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly ReferenceNode? _node;

    private LoadTarget(Uri url, ReferenceNode? node, string description)
    {
        Url = url;
        _node = node;
        Description = description;
    }

    /// <summary>WebSocket endpoint.</summary>
    public Uri Url { get; }

    /// <summary>True when the harness started the embedded node.</summary>
    public bool IsEmbedded => _node is not null;

    /// <summary>"embedded reference node (ws://…)" or the URL.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts the embedded node (<paramref name="target"/> = "embedded", legacy message relay on, the given balances credited)
    /// or checks that a URL is loopback. Unreachable targets surface when the workload connects.
    /// </summary>
    public static async Task<LoadTarget> ResolveAsync(string target, IReadOnlyList<InitialBalance> balances, CancellationToken ct)
    {
        if (string.Equals(target, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            var node = await ReferenceNode.StartAsync(new ReferenceNodeOptions
            {
                AppMessageRelay = true,
                InitialBalances = balances,
                OutboundQueueCapacity = 16384,
            }, ct).ConfigureAwait(false);
            return new LoadTarget(node.Url, node, $"embedded reference node ({node.Url})");
        }
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url))
            throw new ArgumentException($"target: '{target}' is neither 'embedded' nor an absolute ws:// URL");
        Guard.Loopback(url);
        return new LoadTarget(url, null, url.ToString());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync().ConfigureAwait(false);
    }
}
