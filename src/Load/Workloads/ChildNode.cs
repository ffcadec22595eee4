using System.Diagnostics;
using System.Globalization;
using System.Text;
using NitroConformance.Fixtures;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// The embedded reference node run as a child process (the Fixtures program built beside this one) on 127.0.0.1 with an
/// ephemeral port, so memory sampled in this process is the harness's own; the node's resident set is read apart.
/// Every wait is bounded and the process is killed on dispose.
/// </summary>
public sealed class ChildNode : IAsyncDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _config;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _printedUrl;

    private ChildNode(Process process, string config)
    {
        _process = process;
        _config = config;
    }

    /// <summary>WebSocket endpoint the node printed.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Process id of the node.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The node's resident set in MiB now, or null once it has exited.</summary>
    public double? WorkingSetMiB()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.WorkingSet64 / 1048576.0;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Starts the node with the message relay on and <paramref name="balances"/> credited, and waits for its banner.</summary>
    public static async Task<ChildNode> StartAsync(IReadOnlyList<InitialBalance> balances, CancellationToken ct)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "NitroConformance.Fixtures.dll");
        if (!File.Exists(program)) throw new FileNotFoundException($"target: embedded: the reference node program is not built beside the harness ({program})");
        var config = Path.Combine(Path.GetTempPath(), "nitro-load-node-" + Guid.NewGuid().ToString("N") + ".yaml");
        var yaml = new StringBuilder("host: 127.0.0.1\nport: 0\nrelay: true\nbalances:\n");
        foreach (var b in balances)
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ wallet: \"{b.Wallet}\", asset: \"{b.Asset}\", amount: \"{b.Amount}\" }}\n");
        await File.WriteAllTextAsync(config, yaml.ToString(), ct).ConfigureAwait(false);

        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { program, "--config", config }) psi.ArgumentList.Add(a);
        var node = new ChildNode(new Process { StartInfo = psi }, config);
        node._process.OutputDataReceived += (_, e) => node.OnOutput(e.Data, stdout: true);
        node._process.ErrorDataReceived += (_, e) => node.OnOutput(e.Data, stdout: false);
        try
        {
            node._process.Start();
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(StartWait);
            var exited = node._process.WaitForExitAsync(wait.Token);
            var printed = node._url.Task;
            if (await Task.WhenAny(printed, exited).ConfigureAwait(false) != printed || !printed.IsCompletedSuccessfully)
            {
                ct.ThrowIfCancellationRequested();
                throw new IOException($"target: embedded: the reference node child process printed no url within {StartWait.TotalSeconds:0} s:\n{node.Output}");
            }
            node.Url = printed.Result;
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    // The banner ends with the Ctrl+C hint; the url line comes before it.
    private void OnOutput(string? line, bool stdout)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (!stdout) return;
        if (line.StartsWith("url: ", StringComparison.Ordinal)) _printedUrl = new Uri(line[5..]);
        if (line.StartsWith("press Ctrl+C", StringComparison.Ordinal) && _printedUrl is { } url) _url.TrySetResult(url);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(StartWait);
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or exited meanwhile.
        }
        _process.Dispose();
        File.Delete(_config);
    }
}
