using System.Text.Json.Nodes;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>Reads the golden vectors (../shared/vectors, or NITRO_VECTORS_DIR) at run time so no vector text lives in code.</summary>
internal static class WireVectors
{
    /// <summary>The vectors directory.</summary>
    public static string Directory => Locate();

    /// <summary>The entry named <paramref name="name"/> in the <c>vectors</c> list of <paramref name="fileName"/>.</summary>
    public static JsonObject Entry(string fileName, string name)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Golden vector file missing: {path} (set NITRO_VECTORS_DIR).", path);
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is JSON null.");
        foreach (var entry in root["vectors"]?.AsArray() ?? throw new InvalidDataException($"{path} has no \"vectors\" list."))
        {
            if (entry is JsonObject o && (string?)o["name"] == name) return o;
        }
        throw new InvalidDataException($"{path} has no vector named \"{name}\".");
    }

    /// <summary>A string field of a vector entry; throws naming the field when it is absent.</summary>
    public static string Text(JsonObject entry, string field) =>
        (string?)entry[field] ?? throw new InvalidDataException($"Vector \"{(string?)entry["name"]}\" has no string field \"{field}\".");

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("NITRO_VECTORS_DIR");
        if (!string.IsNullOrEmpty(overridden)) return overridden;
        // BenchmarkDotNet runs each benchmark from a generated folder below bin/, so walk up to the solution.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NitroConformance.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors"));
        }
        throw new DirectoryNotFoundException(
            $"Cannot find the repository root above {AppContext.BaseDirectory}; set NITRO_VECTORS_DIR to the vectors directory.");
    }
}
