using System.Runtime.InteropServices;
using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Config;
using NitroConformance.Fixtures.Defects;

// Standalone reference ClearNode: dotnet run --project src/Fixtures -- --port 8000 [--config node.yaml] [--defect KEY ...] [--relay]
return await StandaloneNode.RunAsync(args);

/// <summary>Command-line front end of the reference node.</summary>
internal static class StandaloneNode
{
    private const string Usage =
        "usage: NitroConformance.Fixtures [--port N] [--config FILE.yaml] [--defect KEY ...] [--relay] [--list-defects]";

    public static async Task<int> RunAsync(string[] args)
    {
        ReferenceNodeOptions options;
        try
        {
            options = ParseArguments(args, out var listOnly);
            if (listOnly)
            {
                foreach (var d in DefectCatalog.All) Console.WriteLine($"{d.Key,-40} {d.Family,-14} {d.SpecSection}: {d.Rule}");
                return 0;
            }
        }
        catch (Exception e) when (e is ArgumentException or NodeConfigException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
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
            if (options.Defects.Count > 0)
                Console.WriteLine($"defects: {string.Join(", ", DefectCatalog.All.Where(d => options.Defects.Contains(d.Id)).Select(d => d.Key))}");
            Console.WriteLine("press Ctrl+C to stop");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        Console.WriteLine("stopped");
        return 0;
    }

    private static ReferenceNodeOptions ParseArguments(string[] args, out bool listOnly)
    {
        listOnly = false;
        string? config = null;
        int? port = null;
        var relay = false;
        var defects = new List<DefectId>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--port":
                    var text = Next();
                    if (!int.TryParse(text, out var p) || p is < 0 or > 65535) throw new ArgumentException($"--port: not a port number: '{text}'");
                    port = p;
                    break;
                case "--config":
                    config = Next();
                    break;
                case "--defect":
                    defects.Add(DefectCatalog.ByKey(Next()).Id);
                    break;
                case "--relay":
                    relay = true;
                    break;
                case "--list-defects":
                    listOnly = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        var options = config is null ? new ReferenceNodeOptions { Port = 8000 } : NodeConfigFile.Load(config);
        if (port is not null) options = options with { Port = port.Value };
        if (relay) options = options with { AppMessageRelay = true };
        if (defects.Count > 0) options = options with { Defects = options.Defects.Concat(defects).ToHashSet() };
        return options;
    }
}
