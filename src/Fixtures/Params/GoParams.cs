using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Params;

/// <summary>
/// Reads request params the way the Go node's re-encode-and-decode into a typed struct behaves
/// (clearnode-rpc.md §3.3): params must be an object, keys match case-insensitively (last one wins),
/// missing or null keys give zero values, numbers pass through a double, type mismatches fail.
/// </summary>
public sealed class GoParams
{
    private readonly JsonObject _object;

    private GoParams(JsonObject obj) => _object = obj;

    /// <summary>Wraps <paramref name="parameters"/>; false when it is not a JSON object.</summary>
    public static bool TryFrom(JsonNode parameters, out GoParams result)
    {
        if (parameters is JsonObject obj)
        {
            result = new GoParams(obj);
            return true;
        }
        result = null!;
        return false;
    }

    /// <summary>The value under <paramref name="key"/> (case-insensitive, last match), or null.</summary>
    public JsonNode? Get(string key)
    {
        JsonNode? found = null;
        foreach (var (name, value) in _object)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) found = value;
        }
        return found;
    }

    /// <summary>A string field; false on a type mismatch.</summary>
    public bool TryString(string key, out string value) => TryString(Get(key), out value);

    /// <summary>An unsigned integer field of at most <paramref name="max"/>; false on a type mismatch or overflow.</summary>
    public bool TryUInt(string key, ulong max, out ulong value) => TryUInt(Get(key), max, out value);

    /// <summary>Reads a JSON string (null → ""); false for any other kind.</summary>
    public static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is null) return true;
        if (node.GetValueKind() != JsonValueKind.String) return false;
        value = node.GetValue<string>();
        return true;
    }

    /// <summary>Reads a JSON number as Go would after a float64 round-trip into an unsigned integer field.</summary>
    public static bool TryUInt(JsonNode? node, ulong max, out ulong value)
    {
        value = 0;
        if (node is null) return true;
        if (node.GetValueKind() != JsonValueKind.Number) return false;
        var raw = node.ToJsonString();
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return false;
        // Go re-encodes the double; fractions, negatives and exponent forms (≥ 1e21) then fail to decode.
        if (double.IsInfinity(d) || d < 0 || d != Math.Floor(d) || d >= 1e21) return false;
        if (d >= 18446744073709551616.0 || (decimal)d > max) return false;
        value = (ulong)d;
        return true;
    }

    /// <summary>Reads a decimal amount given as a JSON string or number (null → 0); false when unparsable.</summary>
    public static bool TryDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is null) return true;
        var kind = node.GetValueKind();
        string text;
        if (kind == JsonValueKind.String) text = node.GetValue<string>();
        else if (kind == JsonValueKind.Number) text = node.ToJsonString();
        else return false;
        return GoDecimal.TryParseInRange(text, out value);
    }
}
