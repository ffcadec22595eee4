using System.Diagnostics;
using System.Text;

namespace NitroConformance.Fixtures.Tests.Support;

/// <summary>
/// The built standalone node (the Fixtures program beside this test assembly) as a child process on 127.0.0.1 with
/// an ephemeral port; every wait is bounded and the process is killed on dispose if it is still running.
/// </summary>
public sealed class StandaloneNodeProcess : IAsyncDisposable
{
    /// <summary>Bound for start-up and exit (the machine is shared and slow).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _printedUrl;

    private StandaloneNodeProcess(Process process) => _process = process;

    /// <summary>The node's printed <c>url:</c>.</summary>
    public Uri Url { get; private set; } = null!;

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

    /// <summary>Starts the node with <paramref name="arguments"/> (plus <c>--host 127.0.0.1 --port 0</c>) and waits for its banner.</summary>
    public static async Task<StandaloneNodeProcess> StartAsync(params string[] arguments)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "NitroConformance.Fixtures.dll");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { program, "--host", "127.0.0.1", "--port", "0" }.Concat(arguments)) psi.ArgumentList.Add(a);

        var node = new StandaloneNodeProcess(new Process { StartInfo = psi });
        node._process.OutputDataReceived += (_, e) => node.OnStdOut(e.Data);
        node._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (node._stderr) node._stderr.AppendLine(e.Data);
        };
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        try
        {
            node.Url = await node._url.Task.WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            await node.DisposeAsync();
            throw new TimeoutException($"the standalone node printed no url within {Wait.TotalSeconds:0} s\n--- stdout\n{node.StdOut}\n--- stderr\n{node.StdErr}");
        }
        return node;
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
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the standalone node did not exit within {Wait.TotalSeconds:0} s\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}");
        }
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }
}
