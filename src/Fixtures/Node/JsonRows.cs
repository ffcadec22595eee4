using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Node;

/// <summary>Builds the JSON arrays the node's answers list their rows in, one element per item in order.</summary>
public static class JsonRows
{
    /// <summary>The array of <paramref name="row"/> applied to each item.</summary>
    public static JsonArray Of<T>(IEnumerable<T> items, Func<T, JsonNode?> row) => new(items.Select(row).ToArray());

    /// <summary>An array of JSON strings.</summary>
    public static JsonArray Strings(IEnumerable<string> items) => Of(items, s => JsonValue.Create(s));
}
