using System.Text.Json.Nodes;

namespace NitroConformance.Protocol.Tests;

/// <summary>Locates and loads the golden vectors in ../shared/vectors (or NITRO_VECTORS_DIR); fails loudly when missing.</summary>
public static class VectorFiles
{
    /// <summary>The vectors directory.</summary>
    public static string Directory { get; } = Locate();

    /// <summary>Parses one vector file; throws if it is absent so no test passes vacuously.</summary>
    public static JsonNode Load(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Golden vector file missing: {path}", path);
        return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is JSON null.");
    }

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("NITRO_VECTORS_DIR");
        if (!string.IsNullOrEmpty(overridden)) return overridden;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NitroConformance.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors"));
        }
        throw new DirectoryNotFoundException(
            $"Cannot find the repository root above {AppContext.BaseDirectory}; set NITRO_VECTORS_DIR to the vectors directory.");
    }
}
