using NitroConformance.Fixtures.Defects;

namespace NitroConformance.Fixtures.Config;

/// <summary>Command-line arguments of the standalone node, turned into <see cref="ReferenceNodeOptions"/>.</summary>
public static class NodeCommandLine
{
    /// <summary>One-line usage text printed after an argument error.</summary>
    public const string Usage =
        "usage: NitroConformance.Fixtures [--host ADDRESS] [--port N] [--config FILE.yaml] [--profile default|go-v0.5] [--random-order] [--random-seed N] [--defect KEY ...] [--relay] [--list-defects]";

    /// <summary>
    /// Parses <paramref name="args"/>; <c>--host</c>, <c>--port</c>, <c>--relay</c>, <c>--profile</c>, <c>--random-order</c>,
    /// <c>--random-seed</c> and <c>--defect</c> override or add to
    /// the <c>--config</c> file. Throws <see cref="ArgumentException"/> naming the argument, or
    /// <see cref="NodeConfigException"/> for the file.
    /// </summary>
    public static ReferenceNodeOptions Parse(string[] args, out bool listOnly)
    {
        listOnly = false;
        string? config = null;
        string? host = null;
        int? port = null;
        var relay = false;
        NodeProfile? profile = null;
        var randomOrder = false;
        int? randomSeed = null;
        var defects = new List<DefectId>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--host":
                    host = Next();
                    if (!System.Net.IPAddress.TryParse(host, out _))
                        throw new ArgumentException($"--host: not an IP address (e.g. 127.0.0.1 or 0.0.0.0): '{host}'");
                    break;
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
                case "--profile":
                    var name = Next();
                    if (!NodeProfileNames.TryParse(name, out var parsed))
                        throw new ArgumentException($"--profile: unknown profile '{name}'; known profiles: {NodeProfileNames.Known}");
                    profile = parsed;
                    break;
                case "--random-order":
                    randomOrder = true;
                    break;
                case "--random-seed":
                    var seedText = Next();
                    if (!int.TryParse(seedText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seed))
                        throw new ArgumentException($"--random-seed: not a 32-bit integer: '{seedText}'");
                    randomSeed = seed;
                    break;
                case "--list-defects":
                    listOnly = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        var options = config is null ? new ReferenceNodeOptions { Port = 8000 } : NodeConfigFile.Load(config);
        if (host is not null) options = options with { Host = host };
        if (port is not null) options = options with { Port = port.Value };
        if (relay) options = options with { AppMessageRelay = true };
        if (profile is not null) options = options with { Profile = profile.Value };
        if (randomOrder) options = options with { RandomOrder = true };
        if (randomSeed is not null) options = options with { RandomSeed = randomSeed };
        if (defects.Count > 0) options = options with { Defects = options.Defects.Concat(defects).ToHashSet() };
        return options;
    }
}
