using System.Globalization;
using NitroConformance.Load.Capacity;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Thresholds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NitroConformance.Load.Profiles;

/// <summary>Reads a YAML load profile (see scenarios/load/*.yaml); errors name the file, line and field.</summary>
public static class ProfileLoader
{
    private static readonly HashSet<string> Known = ["name", "scenario", "target", "warmup", "load", "max_iterations", "max_in_flight", "late_after", "drain", "timeout", "params", "thresholds", "capacity"];

    /// <summary>Loads a profile file.</summary>
    public static LoadProfile LoadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: profile not found", path);
        return Parse(File.ReadAllText(path), path) with { Name = Path.GetFileNameWithoutExtension(path) };
    }

    /// <summary>Parses profile YAML; <paramref name="source"/> names it in errors.</summary>
    public static LoadProfile Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}:{e.Start.Line}: malformed YAML ({e.Message})", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{source}: a profile must be a YAML mapping");
        var p = new LoadProfile { Source = source };
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var at = $"{source}:{keyNode.Start.Line}: {key}";
            if (!Known.Contains(key)) throw new FormatException($"{at}: unknown field (known: {string.Join(", ", Known)})");
            p = key switch
            {
                "name" => p with { Name = Scalar(value, at) },
                "scenario" => p with { Scenario = Scalar(value, at) },
                "target" => p with { Target = Scalar(value, at) },
                "warmup" => p with { WarmUp = Durations.Parse(Scalar(value, at), at) },
                "late_after" => p with { LateAfter = Durations.Parse(Scalar(value, at), at) },
                "drain" => p with { Drain = Durations.Parse(Scalar(value, at), at) },
                "timeout" => p with { Timeout = Durations.Parse(Scalar(value, at), at) },
                "max_iterations" => p with { MaxIterations = Long(Scalar(value, at), at) },
                "max_in_flight" => p with { MaxInFlight = (int)Long(Scalar(value, at), at) },
                "load" => p with { Load = Stages(value, at, source) },
                "params" => p with { Params = Params(value, at) },
                "capacity" => p with { Capacity = CapacityBlock(value, at, source) },
                _ => p with { Thresholds = ThresholdList(value, source) },
            };
        }
        try
        {
            p.ToEngineOptions().Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
        return p;
    }

    private static string Scalar(YamlNode node, string at) =>
        node is YamlScalarNode s && s.Value is not null ? s.Value : throw new FormatException($"{at}: expected a single value");

    private static long Long(string s, string at) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new FormatException($"{at}: '{s}' is not a non-negative integer");

    private static double Number(string s, string at) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new FormatException($"{at}: '{s}' is not a non-negative number");

    private static IReadOnlyDictionary<string, string> Params(YamlNode node, string at)
    {
        if (node is not YamlMappingNode m) throw new FormatException($"{at}: expected a mapping of parameter: value");
        return m.Children.ToDictionary(kv => Scalar(kv.Key, at), kv => Scalar(kv.Value, $"{at}.{((YamlScalarNode)kv.Key).Value}"), StringComparer.Ordinal);
    }

    private static readonly string[] CapacityKeys = ["start_rate", "growth", "max_rate", "min_rate", "resolution", "step_warmup", "step_duration", "budget", "retries"];

    // Search bounds; every key is optional (defaults: CapacitySearchOptions.Default) and unknown keys are refused.
    private static CapacitySearchOptions CapacityBlock(YamlNode node, string at, string source)
    {
        if (node is not YamlMappingNode m) throw new FormatException($"{at}: expected a mapping of {string.Join(", ", CapacityKeys)}");
        var o = CapacitySearchOptions.Default;
        foreach (var (k, v) in m.Children)
        {
            var key = Scalar(k, at);
            var where = $"{source}:{k.Start.Line}: capacity.{key}";
            var text = Scalar(v, where);
            o = key switch
            {
                "start_rate" => o with { StartRate = Number(text, where) },
                "growth" => o with { Growth = Number(text, where) },
                "max_rate" => o with { MaxRate = Number(text, where) },
                "min_rate" => o with { MinRate = Number(text, where) },
                "resolution" => o with { Resolution = text.EndsWith('%') ? Number(text[..^1], where) / 100 : Number(text, where) },
                "step_warmup" => o with { StepWarmUp = Durations.Parse(text, where) },
                "step_duration" => o with { StepDuration = Durations.Parse(text, where) },
                "budget" => o with { Budget = Durations.Parse(text, where) },
                "retries" => o with { Retries = (int)Long(text, where) },
                _ => throw new FormatException($"{where}: unknown field (known: {string.Join(", ", CapacityKeys)})"),
            };
        }
        try
        {
            o.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
        return o;
    }

    private static IReadOnlyList<Threshold> ThresholdList(YamlNode node, string source)
    {
        if (node is not YamlSequenceNode seq) throw new FormatException($"{source}:{node.Start.Line}: thresholds: expected a list of expressions");
        return seq.Children.Select(c => Threshold.Parse(Scalar(c, $"{source}:{c.Start.Line}: thresholds"), $"{source}:{c.Start.Line}: thresholds")).ToList();
    }

    private static IReadOnlyList<LoadSimulation> Stages(YamlNode node, string at, string source)
    {
        if (node is not YamlSequenceNode seq) throw new FormatException($"{at}: expected a list of stages");
        var list = new List<LoadSimulation>();
        foreach (var item in seq.Children)
        {
            var where = $"{source}:{item.Start.Line}: load[{list.Count}]";
            if (item is not YamlMappingNode m || m.Children.Count != 1)
                throw new FormatException($"{where}: a stage is one of inject, ramping_inject, keep_constant, ramping_constant with its fields");
            var (kindNode, body) = m.Children.First();
            var kind = Scalar(kindNode, where);
            if (body is not YamlMappingNode b) throw new FormatException($"{where}: {kind}: expected fields");
            var f = b.Children.ToDictionary(kv => Scalar(kv.Key, where), kv => Scalar(kv.Value, where), StringComparer.Ordinal);
            string Need(string k) => f.TryGetValue(k, out var v) ? v : throw new FormatException($"{where}: {kind}: missing '{k}'");
            TimeSpan Dur(string k, string? fallback = null) => Durations.Parse(f.TryGetValue(k, out var v) ? v : fallback ?? Need(k), $"{where}: {kind}.{k}");
            list.Add(kind switch
            {
                "inject" => new Inject(Number(Need("rate"), $"{where}: rate"), Dur("interval", "1s"), Dur("during")),
                "ramping_inject" => new RampingInject(Number(Need("rate"), $"{where}: rate"), Dur("interval", "1s"), Dur("during")),
                "keep_constant" => new KeepConstant((int)Long(Need("copies"), $"{where}: copies"), Dur("during")),
                "ramping_constant" => new RampingConstant((int)Long(Need("copies"), $"{where}: copies"), Dur("during")),
                _ => throw new FormatException($"{where}: unknown stage '{kind}' (inject, ramping_inject, keep_constant, ramping_constant)"),
            });
        }
        return list;
    }
}
