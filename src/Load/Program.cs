using NitroConformance.Load.Cli;
using Spectre.Console;

// Entry point of the load harness: run (default), capacity, compare, merge.
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected) console.Profile.Width = 160; // CI logs: keep the metric table on one line per row
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
try
{
    var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    var settings = CliSettings.Parse(args, env);
    if (settings.Has("help"))
    {
        Console.WriteLine(Usage.Text);
        return 0;
    }
    var command = settings.Positional.FirstOrDefault() ?? "run";
    switch (command)
    {
        case "compare":
            return CompareCommand.Run(settings, console);
        case "merge":
            return MergeCommand.Run(settings, console);
        case "run" or "capacity":
            var profile = RunCommand.ResolveProfile(settings);
            if (command == "capacity" || profile.Capacity is not null)
                return (await CapacityCommand.RunAsync(profile, console, cts.Token)).ExitCode;
            return (await RunCommand.RunAsync(profile, console, cts.Token)).ExitCode;
        default:
            Console.Error.WriteLine($"unknown command '{command}'\n\n{Usage.Text}");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"run failed: {e.GetType().Name}: {e.Message}");
    return 1;
}
