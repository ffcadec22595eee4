using YamlDotNet.RepresentationModel;

namespace NitroConformance.Interop.Tests;

/// <summary>The objects of deploy/k8s/load-job.yaml with typed look-ups of the parts the tests check.</summary>
public sealed class K8sManifest
{
    private K8sManifest(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    /// <summary>Every document of the file.</summary>
    public IReadOnlyList<YamlMappingNode> Objects { get; }

    /// <summary>Parses a multi-document manifest.</summary>
    public static K8sManifest Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        return new K8sManifest(stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList());
    }

    /// <summary>The object of that kind and name.</summary>
    public YamlMappingNode Get(string kind, string name) =>
        Objects.Single(o => Scalar(o, "kind") == kind && Scalar(o, "metadata", "name") == name);

    /// <summary>A scalar at a path of mapping keys, or null.</summary>
    public static string? Scalar(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    /// <summary>The node at a path of mapping keys, or null.</summary>
    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path) current = WorkflowFile.Child(current, key);
        return current;
    }

    /// <summary>A Job's containers (init containers first when <paramref name="init"/>).</summary>
    public static IReadOnlyList<YamlMappingNode> Containers(YamlMappingNode job, bool init = false) =>
        (Node(job, "spec", "template", "spec", init ? "initContainers" : "containers") as YamlSequenceNode)?.Children.Cast<YamlMappingNode>().ToList() ?? [];

    /// <summary>A container's env as name → value.</summary>
    public static IReadOnlyDictionary<string, string> Env(YamlMappingNode container) =>
        (Node(container, "env") as YamlSequenceNode)?.Children
            .ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value") ?? "", StringComparer.Ordinal) ?? new Dictionary<string, string>();

    /// <summary>The shell script of a container run as <c>/bin/sh -c SCRIPT</c>.</summary>
    public static string Script(YamlMappingNode container)
    {
        var command = ((YamlSequenceNode)Node(container, "command")!).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        if (command is not ["/bin/sh", "-c"]) throw new InvalidDataException($"container {Scalar(container, "name")}: command is not /bin/sh -c");
        return ((YamlScalarNode)((YamlSequenceNode)Node(container, "args")!).Children.Single()).Value!;
    }
}
