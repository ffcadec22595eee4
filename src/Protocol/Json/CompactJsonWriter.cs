using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NitroConformance.Protocol.Json;

/// <summary>Walks a JsonNode tree and writes compact text with one flavour's escaping and number rules.</summary>
/// <remarks>System.Text.Json's own writer is deliberately not used: its encoder escapes characters that
/// JavaScript and Go leave alone (and vice versa), which would change the signed bytes.</remarks>
internal static class CompactJsonWriter
{
    private const string HexDigits = "0123456789abcdef";

    public static string Write(JsonNode? node, JsonFlavor flavor)
    {
        var sb = new StringBuilder(128);
        WriteNode(sb, node, flavor, 0);
        return sb.ToString();
    }

    public static string Quote(string value, JsonFlavor flavor)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        WriteString(sb, value, flavor);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, JsonFlavor flavor, int depth)
    {
        // JsonNode trees are acyclic, but a deliberately deep tree must not blow the stack.
        if (depth > 1000) throw new InvalidOperationException("JSON tree is nested deeper than 1000 levels.");
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key, flavor);
                    sb.Append(':');
                    WriteNode(sb, value, flavor, depth + 1);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteNode(sb, array[i], flavor, depth + 1);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value, flavor);
                break;
            default:
                throw new InvalidOperationException($"Unsupported JsonNode type {node.GetType().Name}.");
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value, JsonFlavor flavor)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(sb, element, flavor, 0);
            return;
        }
        if (value.TryGetValue<string>(out var s)) { WriteString(sb, s, flavor); return; }
        if (value.TryGetValue<bool>(out var b)) { sb.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue<long>(out var l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<ulong>(out var ul)) { sb.Append(ul.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<int>(out var i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<uint>(out var ui)) { sb.Append(ui.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<short>(out var sh)) { sb.Append(sh.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<ushort>(out var us)) { sb.Append(us.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<byte>(out var by)) { sb.Append(by.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<sbyte>(out var sby)) { sb.Append(sby.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<double>(out var d)) { sb.Append(NumberText.Format(d, flavor)); return; }
        if (value.TryGetValue<float>(out var f)) { sb.Append(NumberText.Format(f, flavor)); return; }
        if (value.TryGetValue<decimal>(out var m)) { sb.Append(NumberText.Format((double)m, flavor)); return; }
        if (value.TryGetValue<char>(out var c)) { WriteString(sb, c.ToString(), flavor); return; }

        // Anything else (Guid, DateTime, ...): let System.Text.Json decide the JSON value, then re-write it our way.
        using var doc = JsonDocument.Parse(value.ToJsonString());
        WriteElement(sb, doc.RootElement, flavor, 0);
    }

    private static void WriteElement(StringBuilder sb, JsonElement element, JsonFlavor flavor, int depth)
    {
        if (depth > 1000) throw new InvalidOperationException("JSON tree is nested deeper than 1000 levels.");
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                sb.Append("null");
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.String:
                WriteString(sb, element.GetString()!, flavor);
                break;
            case JsonValueKind.Number:
                sb.Append(NumberText.FromLiteral(element.GetRawText(), flavor));
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem) sb.Append(',');
                    firstItem = false;
                    WriteElement(sb, item, flavor, depth + 1);
                }
                sb.Append(']');
                break;
            case JsonValueKind.Object:
                sb.Append('{');
                var firstProp = true;
                foreach (var prop in element.EnumerateObject())
                {
                    if (!firstProp) sb.Append(',');
                    firstProp = false;
                    WriteString(sb, prop.Name, flavor);
                    sb.Append(':');
                    WriteElement(sb, prop.Value, flavor, depth + 1);
                }
                sb.Append('}');
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string text, JsonFlavor flavor)
    {
        sb.Append('"');
        var go = flavor == JsonFlavor.Go;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
            }
            if (c < 0x20 || (go && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')))
            {
                AppendUnicodeEscape(sb, c);
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                // A lone surrogate: JavaScript escapes the code unit itself; Go sees invalid UTF-8 and writes U+FFFD escaped.
                AppendUnicodeEscape(sb, go ? '\ufffd' : c);
                continue;
            }
            sb.Append(c);
        }
        sb.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder sb, char c)
    {
        sb.Append("\\u")
          .Append(HexDigits[(c >> 12) & 0xF])
          .Append(HexDigits[(c >> 8) & 0xF])
          .Append(HexDigits[(c >> 4) & 0xF])
          .Append(HexDigits[c & 0xF]);
    }
}
