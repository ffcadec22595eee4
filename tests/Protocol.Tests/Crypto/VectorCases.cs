using NUnit.Framework;
using System.Text.Json.Nodes;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Turns vector files into NUnit cases; a missing file throws, so the tests error rather than vanish.</summary>
public static class VectorCases
{
    /// <summary>The array <paramref name="member"/> of a vector file.</summary>
    public static JsonArray Array(string file, string member) =>
        VectorFiles.Load(file)[member] as JsonArray ?? throw new InvalidDataException($"{file}: '{member}' is not an array.");

    /// <summary>One case per entry, named by its "name".</summary>
    public static IEnumerable<TestCaseData> Entries(string file, string member, Func<JsonNode, bool>? filter = null) =>
        Array(file, member).Select(e => e!).Where(e => filter is null || filter(e))
            .Select(e => new TestCaseData(e).SetArgDisplayNames(Name(e)));

    /// <summary>One case per entry and backend.</summary>
    public static IEnumerable<TestCaseData> EntriesPerBackend(string file, string member, Func<JsonNode, bool>? filter = null) =>
        from e in Array(file, member).Select(e => e!).Where(e => filter is null || filter(e))
        from backend in Backends.Names
        select new TestCaseData(e, backend).SetArgDisplayNames(Name(e), backend);

    /// <summary>A required string member of an entry.</summary>
    public static string Str(JsonNode node, string member) =>
        node[member]?.GetValue<string>() ?? throw new InvalidDataException($"vector entry '{Name(node)}' lacks string '{member}'.");

    private static string Name(JsonNode entry) => entry["name"]?.GetValue<string>() ?? "?";
}
