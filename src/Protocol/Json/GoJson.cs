using System.Text.Json.Nodes;

namespace NitroConformance.Protocol.Json;

/// <summary>Compact JSON text as Go <c>encoding/json</c> writes it (HTML-safe escaping, Go float format).</summary>
public static class GoJson
{
    /// <summary>Serialises <paramref name="node"/> (null → <c>null</c>) keeping object insertion order.</summary>
    public static string Serialize(JsonNode? node) => CompactJsonWriter.Write(node, JsonFlavor.Go);

    /// <summary>A JSON string literal (with quotes) escaped as Go does.</summary>
    public static string Quote(string value) => CompactJsonWriter.Quote(value, JsonFlavor.Go);
}
