namespace NitroConformance.Fixtures;

/// <summary>
/// Which node the reference node imitates where this project deliberately differs from the Go ClearNode v0.5.x
/// (docs/reference-node.md, "Go-faithful profile").
/// </summary>
public enum NodeProfile
{
    /// <summary>The reference behaviour: Go's bugs fixed, no input crashes the node, fixed iteration orders.</summary>
    Default,

    /// <summary>The Go node's observable behaviour, bugs and crashes included; implies random map-iteration orders.</summary>
    GoV05,
}

/// <summary>The names of <see cref="NodeProfile"/> values on the command line and in node YAML.</summary>
public static class NodeProfileNames
{
    /// <summary>Every profile with its name, in declaration order.</summary>
    public static IReadOnlyList<(NodeProfile Profile, string Name)> All { get; } =
    [
        (NodeProfile.Default, "default"),
        (NodeProfile.GoV05, "go-v0.5"),
    ];

    /// <summary>The name of <paramref name="profile"/> (<c>default</c>, <c>go-v0.5</c>).</summary>
    public static string NameOf(NodeProfile profile) => All.First(p => p.Profile == profile).Name;

    /// <summary>The profile named <paramref name="name"/>; false when there is none.</summary>
    public static bool TryParse(string name, out NodeProfile profile)
    {
        foreach (var (p, n) in All)
        {
            if (n != name) continue;
            profile = p;
            return true;
        }
        profile = NodeProfile.Default;
        return false;
    }

    /// <summary>The known names, comma-separated (for error messages).</summary>
    public static string Known => string.Join(", ", All.Select(p => p.Name));
}
