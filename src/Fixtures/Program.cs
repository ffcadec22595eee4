using System.Runtime.InteropServices;
using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Config;
using NitroConformance.Fixtures.Defects;

// Standalone reference ClearNode: dotnet run --project src/Fixtures -- [--host 0.0.0.0] --port 8000 [--config node.yaml]
//   [--profile default|go-v0.5] [--random-order] [--random-seed N] [--defect KEY ...] [--relay]
return await StandaloneNode.RunAsync(args);

/// <summary>Command-line front end of the reference node.</summary>
internal static class StandaloneNode
{
    /// <summary>Exit code of a crashed node: what the Go runtime exits with on an unrecovered panic.</summary>
    public const int PanicExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        ReferenceNodeOptions options;
        try
        {
            options = NodeCommandLine.Parse(args, out var listOnly);
            if (listOnly)
            {
                foreach (var d in DefectCatalog.All) Console.WriteLine($"{d.Key,-40} {d.Family,-14} {d.SpecSection}: {d.Rule}");
                return 0;
            }
        }
        catch (Exception e) when (e is ArgumentException or NodeConfigException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(NodeCommandLine.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C (SIGINT) and SIGTERM both stop the node cleanly.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        ReferenceNode node;
        try
        {
            node = await ReferenceNode.StartAsync(options, stop.Token);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine($"cannot start the reference node: {e.Message}");
            return 1;
        }

        await using (node)
        {
            Console.WriteLine($"url: {node.Url}");
            Console.WriteLine($"broker: {node.BrokerAddress}");
            if (options.Profile != NodeProfile.Default) Console.WriteLine($"profile: {NodeProfileNames.NameOf(options.Profile)}");
            if (node.RandomSeed is { } seed) Console.WriteLine($"random order seed: {seed}");
            var defects = node.Runtime.Defects;
            if (defects.Count > 0)
                Console.WriteLine($"defects: {string.Join(", ", DefectCatalog.All.Where(d => defects.Contains(d.Id)).Select(d => d.Key))}");
            Console.WriteLine("press Ctrl+C to stop");
            Console.Out.Flush();
            var stopped = Task.Delay(Timeout.Infinite, stop.Token);
            if (await Task.WhenAny(stopped, node.Crashed) == node.Crashed)
            {
                // The Go-faithful profile dies as the Go process does: the panic on stderr and a non-zero exit.
                Console.Error.WriteLine(node.Crashed.Result.Message);
                Console.Error.Flush();
                return PanicExitCode;
            }
        }
        Console.WriteLine("stopped");
        return 0;
    }
}
