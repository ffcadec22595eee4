using System.Diagnostics;
using System.Text;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>
/// The standalone reference node (the Fixtures program built beside the calling program) as a child process on
/// 127.0.0.1 with an ephemeral port: what a user runs, and a node whose memory and exit code are its own. Every wait is
/// bounded and the process is killed on dispose if it is still running.
/// </summary>
public sealed class ReferenceNodeProcess : IAsyncDisposable
{
    /// <summary>Bound for start-up and exit (the machine may be shared and slow).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _printedUrl;

    private ReferenceNodeProcess(Process process) => _process = process;

    /// <summary>The node's printed <c>url:</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Process id of the node.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything written to stdout so far.</summary>
    public string StdOut
    {
        get
        {
            lock (_stdout) return _stdout.ToString();
        }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string StdErr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

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

    /// <summary>
    /// Starts the node with <paramref name="arguments"/> (after <c>--host 127.0.0.1 --port 0</c>) and waits for its
    /// banner; a <see cref="TimeoutException"/> with both output streams when it prints no url within <see cref="Wait"/>
    /// or exits first.
    /// </summary>
    public static async Task<ReferenceNodeProcess> StartAsync(IEnumerable<string> arguments, CancellationToken ct = default)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "NitroConformance.Fixtures.dll");
        if (!File.Exists(program)) throw new FileNotFoundException($"the reference node program is not built beside this one ({program})");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { program, "--host", "127.0.0.1", "--port", "0" }.Concat(arguments)) psi.ArgumentList.Add(a);

        var node = new ReferenceNodeProcess(new Process { StartInfo = psi });
        node._process.OutputDataReceived += (_, e) => node.OnStdOut(e.Data);
        node._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (node._stderr) node._stderr.AppendLine(e.Data);
        };
        try
        {
            node._process.Start();
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(Wait);
            var printed = node._url.Task;
            var exited = node._process.WaitForExitAsync(wait.Token);
            if (await Task.WhenAny(printed, exited).ConfigureAwait(false) != printed || !printed.IsCompletedSuccessfully)
            {
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"the reference node printed no url within {Wait.TotalSeconds:0} s\n--- stdout\n{node.StdOut}\n--- stderr\n{node.StdErr}");
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

    // The banner ends with the Ctrl+C hint; only then is every line of it (url, profile, seed) in.
    private void OnStdOut(string? line)
    {
        if (line is null) return;
        lock (_stdout) _stdout.AppendLine(line);
        if (line.StartsWith("url: ", StringComparison.Ordinal)) _printedUrl = new Uri(line[5..]);
        if (line.StartsWith("press Ctrl+C", StringComparison.Ordinal) && _printedUrl is { } url) _url.TrySetResult(url);
    }

    /// <summary>Waits (bounded) for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the reference node did not exit within {Wait.TotalSeconds:0} s\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}");
        }
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(Wait);
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or exited meanwhile.
        }
        _process.Dispose();
    }
}
