using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Conformance.Templates;

namespace NitroConformance.Conformance.Running;

/// <summary>Turns scenario YAML values into JSON (rendering templates) and compares them with received JSON.</summary>
public static partial class JsonMatch
{
    /// <summary>Converts a YAML tree to JSON: quoted scalars are strings; unquoted null/true/false/numbers keep their type;
    /// a scalar that is exactly one placeholder becomes a number when it renders to an integer.</summary>
    public static JsonNode? ToJson(YNode node, ITemplateScope scope) => node switch
    {
        YScalar s => ScalarToJson(s, scope),
        YSeq q => new JsonArray(q.Items.Select(i => ToJson(i, scope)).ToArray()),
        YMap m => ToObject(m, scope),
        _ => null,
    };

    private static JsonObject ToObject(YMap m, ITemplateScope scope)
    {
        var o = new JsonObject();
        foreach (var (k, v) in m.Entries) o[TemplateRenderer.Render(k.Value, scope)] = ToJson(v, scope);
        return o;
    }

    private static JsonNode? ScalarToJson(YScalar s, ITemplateScope scope)
    {
        if (!s.Quoted)
        {
            if (s.IsNull) return null;
            if (s.Value is "true" or "True") return JsonValue.Create(true);
            if (s.Value is "false" or "False") return JsonValue.Create(false);
            if (IsJsonNumber(s.Value)) return JsonNode.Parse(s.Value);
        }
        var text = TemplateRenderer.Render(s.Value, scope);
        var single = s.Value.Length > 2 && s.Value[0] == '{' && s.Value[^1] == '}' && s.Value.IndexOf('{', 1) < 0;
        if (single && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return JsonValue.Create(n);
        return JsonValue.Create(text);
    }

    private static bool IsJsonNumber(string text)
    {
        if (text.Length == 0) return false;
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == text.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Looks up a dotted path with optional indexes (<c>a.b[0].c</c>); found=false when any part is missing. Some parts
    /// transform the value before them: <c>#</c> is an array's length (<c>ledger_entries.#</c>, as in gjson), so a
    /// listing's size can be pinned without its rows; <c>@jwt</c> / <c>@jwt_header</c> are the claims / header of a JWT
    /// string (readable by anyone), so the policy a node signs into <c>jwt_token</c> can be compared; <c>@micros</c> is an
    /// RFC 3339 time cut to whole microseconds (missing when the text is no such time), so an instant a node answers from
    /// memory (nanoseconds) and the same instant read back from its database compare equal.
    /// </summary>
    public static bool TryGet(JsonNode? root, string path, out JsonNode? value)
    {
        value = root;
        foreach (var rawPart in path.Split('.'))
        {
            var part = rawPart;
            if (part is "#" or "@jwt" or "@jwt_header" or "@micros")
            {
                value = part switch
                {
                    "#" => value is JsonArray counted ? JsonValue.Create(counted.Count) : null,
                    "@jwt" => JwtPart(value, 1),
                    "@jwt_header" => JwtPart(value, 0),
                    _ => Micros(value),
                };
                if (value is null) return false;
                continue;
            }
            var name = part.Contains('[', StringComparison.Ordinal) ? part[..part.IndexOf('[', StringComparison.Ordinal)] : part;
            if (name.Length > 0)
            {
                if (value is not JsonObject o || !o.TryGetPropertyValue(name, out value)) { value = null; return false; }
            }
            var rest = part[name.Length..];
            while (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || !int.TryParse(rest[1..close], out var idx) || value is not JsonArray a || idx < 0 || idx >= a.Count) { value = null; return false; }
                value = a[idx];
                rest = rest[(close + 1)..];
            }
        }
        return true;
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Rfc3339();

    // An RFC 3339 time with its fraction cut to 6 digits and trailing zeros dropped (Go's RFC3339Nano layout), or null.
    private static JsonValue? Micros(JsonNode? time)
    {
        if (time is not JsonValue v || !v.TryGetValue<string>(out var text) || Rfc3339().Match(text) is not { Success: true } m) return null;
        var fraction = m.Groups[2].Value;
        fraction = fraction[..Math.Min(6, fraction.Length)].TrimEnd('0');
        return JsonValue.Create(m.Groups[1].Value + (fraction.Length > 0 ? "." + fraction : "") + m.Groups[3].Value);
    }

    // One JSON part (0 header, 1 payload) of a compact JWT (header.payload.signature, base64url without padding), or null.
    private static JsonNode? JwtPart(JsonNode? token, int index)
    {
        if (token is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
        var parts = text.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[index])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Compares expected and actual JSON: numbers by value (also against numeric strings), objects by key set, arrays in order.</summary>
    public static bool Equal(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null) return expected is null && actual is null;
        switch (expected)
        {
            case JsonObject eo:
                if (actual is not JsonObject ao || eo.Count != ao.Count) return false;
                foreach (var (k, v) in eo)
                    if (!ao.TryGetPropertyValue(k, out var av) || !Equal(v, av)) return false;
                return true;
            case JsonArray ea:
                if (actual is not JsonArray aa || ea.Count != aa.Count) return false;
                for (var i = 0; i < ea.Count; i++)
                    if (!Equal(ea[i], aa[i])) return false;
                return true;
            default:
                if (actual is not JsonValue av2) return false;
                var e = ScalarText(expected);
                var a = ScalarText(av2);
                if (e == a) return true;
                return decimal.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var ed)
                    && decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var ad) && ed == ad
                    && (expected.GetValueKind() == JsonValueKind.Number || actual.GetValueKind() == JsonValueKind.Number || IsAmountLike(e));
        }
    }

    // Amount strings ("10" vs "10.0") compare by value; other strings only exactly.
    private static bool IsAmountLike(string s) => s.Length > 0 && s.All(c => char.IsAsciiDigit(c) || c is '.' or '-');

    /// <summary>The text of a JSON scalar (strings unquoted).</summary>
    public static string ScalarText(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => node.ToJsonString(),
    };

    /// <summary>Compact text for messages.</summary>
    public static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    /// <summary>The string under <paramref name="key"/> of an object, or null when absent or not a string.</summary>
    public static string? StringField(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Parses a decimal amount from a JSON string or number.</summary>
    public static decimal Amount(JsonNode? node) =>
        node is not null && decimal.TryParse(ScalarText(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0m;
}
