using System.Globalization;
using System.Text;
using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Hosting;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// The embedded reference node run as a child process (the Fixtures program built beside this one) on 127.0.0.1 with an
/// ephemeral port, so memory sampled in this process is the harness's own; the node's resident set is read apart.
/// Every wait is bounded and the process is killed on dispose.
/// </summary>
public sealed class ChildNode : IAsyncDisposable
{
    private readonly ReferenceNodeProcess _node;
    private readonly string _config;

    private ChildNode(ReferenceNodeProcess node, string config)
    {
        _node = node;
        _config = config;
    }

    /// <summary>WebSocket endpoint the node printed.</summary>
    public Uri Url => _node.Url;

    /// <summary>Process id of the node.</summary>
    public int ProcessId => _node.ProcessId;

    /// <summary>The node's resident set in MiB now, or null once it has exited.</summary>
    public double? WorkingSetMiB() => _node.WorkingSetMiB();

    /// <summary>Starts the node with the message relay on and <paramref name="balances"/> credited, and waits for its banner.</summary>
    public static async Task<ChildNode> StartAsync(IReadOnlyList<InitialBalance> balances, CancellationToken ct)
    {
        var config = Path.Combine(Path.GetTempPath(), "nitro-load-node-" + Guid.NewGuid().ToString("N") + ".yaml");
        var yaml = new StringBuilder("relay: true\nbalances:\n");
        foreach (var b in balances)
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ wallet: \"{b.Wallet}\", asset: \"{b.Asset}\", amount: \"{b.Amount}\" }}\n");
        await File.WriteAllTextAsync(config, yaml.ToString(), ct).ConfigureAwait(false);
        try
        {
            return new ChildNode(await ReferenceNodeProcess.StartAsync(["--config", config], ct).ConfigureAwait(false), config);
        }
        catch (Exception e) when (e is TimeoutException or FileNotFoundException)
        {
            File.Delete(config);
            throw new IOException($"target: embedded: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync().ConfigureAwait(false);
        File.Delete(_config);
    }
}
