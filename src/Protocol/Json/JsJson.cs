using System.Text.Json.Nodes;

namespace NitroConformance.Protocol.Json;

/// <summary>Compact JSON text byte-identical to JavaScript <c>JSON.stringify</c> of the same tree.</summary>
public static class JsJson
{
    /// <summary>Serialises <paramref name="node"/> (null → <c>null</c>) keeping object insertion order.</summary>
    public static string Serialize(JsonNode? node) => CompactJsonWriter.Write(node, JsonFlavor.JavaScript);

    /// <summary>A JSON string literal (with quotes) escaped as JavaScript does.</summary>
    public static string Quote(string value) => CompactJsonWriter.Quote(value, JsonFlavor.JavaScript);
}
