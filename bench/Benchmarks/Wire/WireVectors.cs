using System.Text.Json.Nodes;
using NitroConformance.Protocol.Tests;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>
/// Named entries of the golden vectors, read at run time so no vector text lives in code. The directory comes from
/// the tests' <see cref="VectorFiles"/> (linked into this project): <c>NITRO_VECTORS_DIR</c>, else <c>../shared/vectors</c>
/// beside the repository root, found by walking up from the binary (BenchmarkDotNet's generated folders sit below bin/).
/// </summary>
internal static class WireVectors
{
    /// <summary>The vectors directory.</summary>
    public static string Directory => VectorFiles.Directory;

    /// <summary>The entry named <paramref name="name"/> in the <c>vectors</c> list of <paramref name="fileName"/>.</summary>
    public static JsonObject Entry(string fileName, string name)
    {
        var root = VectorFiles.Load(fileName);
        var path = Path.Combine(Directory, fileName);
        foreach (var entry in root["vectors"]?.AsArray() ?? throw new InvalidDataException($"{path} has no \"vectors\" list."))
        {
            if (entry is JsonObject o && (string?)o["name"] == name) return o;
        }
        throw new InvalidDataException($"{path} has no vector named \"{name}\".");
    }

    /// <summary>A string field of a vector entry; throws naming the field when it is absent.</summary>
    public static string Text(JsonObject entry, string field) =>
        (string?)entry[field] ?? throw new InvalidDataException($"Vector \"{(string?)entry["name"]}\" has no string field \"{field}\".");
}
