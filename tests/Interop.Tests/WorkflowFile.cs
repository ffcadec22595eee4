using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NitroConformance.Interop.Tests;

/// <summary>One parsed GitHub Actions workflow file: its raw text and YAML mapping, with typed look-ups that fail with the file and line.</summary>
public sealed class WorkflowFile
{
    private WorkflowFile(string path, string text, YamlMappingNode root)
    {
        Path = path;
        Text = text;
        Root = root;
    }

    /// <summary>Path relative to the repository root, for messages.</summary>
    public string Path { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The top-level mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Parses a workflow; a YAML error or a non-mapping document throws with the file and position.</summary>
    public static WorkflowFile Load(string fullPath)
    {
        var shown = System.IO.Path.GetRelativePath(RepoPaths.Root, fullPath);
        var text = File.ReadAllText(fullPath);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{shown}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new InvalidDataException($"{shown}: not valid YAML ({e.Message})", e);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{shown}: expected exactly one YAML document whose top level is a mapping");
        return new WorkflowFile(shown, text, root);
    }

    /// <summary>Every workflow under .github/workflows.</summary>
    public static IReadOnlyList<WorkflowFile> All() =>
        Directory.EnumerateFiles(RepoPaths.Of(".github", "workflows"))
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();

    /// <summary>The child of a mapping, or null.</summary>
    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    /// <summary>The `on:` triggers as a mapping (a string or list trigger becomes keys with empty values).</summary>
    public YamlMappingNode Triggers()
    {
        var on = Child(Root, "on") ?? throw new InvalidDataException($"{Path}: no 'on:' triggers");
        return on switch
        {
            YamlMappingNode m => m,
            YamlScalarNode s => new YamlMappingNode(new YamlScalarNode(s.Value!), new YamlScalarNode("")),
            YamlSequenceNode q => new YamlMappingNode(q.Children.SelectMany(c => new YamlNode[] { c, new YamlScalarNode("") })),
            _ => throw new InvalidDataException($"{Path}: 'on:' has an unexpected shape"),
        };
    }

    /// <summary>The jobs mapping.</summary>
    public YamlMappingNode Jobs() =>
        Child(Root, "jobs") as YamlMappingNode ?? throw new InvalidDataException($"{Path}: 'jobs:' missing or not a mapping");

    /// <summary>Names declared under a `workflow_call` section (inputs, secrets, outputs); empty when absent.</summary>
    public IReadOnlySet<string> WorkflowCallNames(string section) =>
        Child(Child(Triggers(), "workflow_call"), section) is YamlMappingNode m
            ? m.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    /// <summary>Line of a node (1-based), for messages.</summary>
    public string Where(YamlNode node) => $"{Path}:{node.Start.Line}";
}
