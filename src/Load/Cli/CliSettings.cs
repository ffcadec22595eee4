namespace NitroConformance.Load.Cli;

/// <summary>Command-line and environment settings: <c>--name value</c> options, <c>--flag</c> switches, positional arguments.</summary>
public sealed class CliSettings
{
    /// <summary>Prefix of environment variables that set options (NITRO_LOAD_TARGET → --target).</summary>
    public const string EnvironmentPrefix = "NITRO_LOAD_";

    private static readonly HashSet<string> Switches = ["quiet", "help", "no-thresholds"];
    private static readonly HashSet<string> Repeatable = ["threshold", "param"];

    /// <summary>Single-valued options (later sources win).</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>Repeatable options in order.</summary>
    public Dictionary<string, List<string>> Lists { get; } = new(StringComparer.Ordinal);

    /// <summary>Positional arguments (command first).</summary>
    public List<string> Positional { get; } = [];

    /// <summary>True when a switch is set.</summary>
    public bool Has(string name) => Options.ContainsKey(name);

    /// <summary>Option value or null.</summary>
    public string? Get(string name) => Options.GetValueOrDefault(name);

    /// <summary>Environment first, then the command line.</summary>
    public static CliSettings Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var s = new CliSettings();
        foreach (var (key, value) in environment)
        {
            if (!key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) || key == "NITRO_LOAD_ALLOW_REMOTE") continue;
            var name = key[EnvironmentPrefix.Length..].ToLowerInvariant().Replace('_', '-');
            if (Switches.Contains(name)) { if (value is "1" or "true") s.Options[name] = "true"; }
            else if (Repeatable.Contains(name)) s.Lists[name] = [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            else s.Options[name] = value;
        }
        var fromCli = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                s.Positional.Add(a);
                continue;
            }
            var name = a[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq > 0 && !Repeatable.Contains(name[..eq]))
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (Switches.Contains(name))
            {
                s.Options[name] = "true";
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"option --{name} needs a value"));
            if (Repeatable.Contains(name))
            {
                // The command line replaces a list set by the environment rather than appending to it.
                if (fromCli.Add(name)) s.Lists[name] = [];
                s.Lists[name].Add(value);
            }
            else s.Options[name] = value;
        }
        return s;
    }
}
