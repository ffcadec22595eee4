using NitroConformance.Fixtures;

namespace NitroConformance.Load.Workloads;

/// <summary>The node under load: the embedded reference node (started here) or a ws:// URL on loopback.</summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly ReferenceNode? _node;

    private LoadTarget(Uri url, ReferenceNode? node, ChildNode? child, string description)
    {
        Url = url;
        _node = node;
        Child = child;
        Description = description;
    }

    /// <summary>WebSocket endpoint.</summary>
    public Uri Url { get; }

    /// <summary>True when the harness started the embedded node.</summary>
    public bool IsEmbedded => _node is not null || Child is not null;

    /// <summary>The embedded node when it runs in its own process (<c>separateProcess</c>), else null.</summary>
    public ChildNode? Child { get; }

    /// <summary>"embedded reference node (ws://…)" or the URL.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts the embedded node (<paramref name="target"/> = "embedded", legacy message relay on, the given balances credited)
    /// or checks that a URL is loopback. Unreachable targets surface when the workload connects. With
    /// <paramref name="separateProcess"/> the embedded node runs as a child process, so this process's memory is the harness's alone.
    /// </summary>
    public static async Task<LoadTarget> ResolveAsync(string target, IReadOnlyList<InitialBalance> balances, CancellationToken ct, bool separateProcess = false)
    {
        if (string.Equals(target, "embedded", StringComparison.OrdinalIgnoreCase) && separateProcess)
        {
            var child = await ChildNode.StartAsync(balances, ct).ConfigureAwait(false);
            return new LoadTarget(child.Url, null, child, $"embedded reference node in child process {child.ProcessId} ({child.Url})");
        }
        if (string.Equals(target, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            var node = await ReferenceNode.StartAsync(new ReferenceNodeOptions
            {
                AppMessageRelay = true,
                InitialBalances = balances,
                OutboundQueueCapacity = 16384,
            }, ct).ConfigureAwait(false);
            return new LoadTarget(node.Url, node, null, $"embedded reference node ({node.Url})");
        }
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url))
            throw new ArgumentException($"target: '{target}' is neither 'embedded' nor an absolute ws:// URL");
        Guard.Loopback(url);
        return new LoadTarget(url, null, null, url.ToString());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync().ConfigureAwait(false);
        if (Child is not null) await Child.DisposeAsync().ConfigureAwait(false);
    }
}
