using System.Runtime.InteropServices;
using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Config;
using NitroConformance.Fixtures.Defects;

// Standalone reference ClearNode: dotnet run --project src/Fixtures -- [--host 0.0.0.0] --port 8000 [--config node.yaml] [--defect KEY ...] [--relay]
return await StandaloneNode.RunAsync(args);

/// <summary>Command-line front end of the reference node.</summary>
internal static class StandaloneNode
{
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
}
