using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Params;

/// <summary>
/// The node's one params decoder: reads request params the way the Go node re-encodes them and decodes them into its
/// typed structs (clearnode-rpc.md §3.3): params must be an object, keys match case-insensitively (the last matching
/// key wins), missing or <c>null</c> values give zero values, numbers pass through a double, decimals follow
/// <see cref="GoDecimal"/>, and any type mismatch is a decode failure (<see cref="ParamDecodeException"/>).
/// </summary>
public readonly struct ParamReader
{
    private readonly JsonObject? _object;

    private ParamReader(JsonObject? obj) => _object = obj;

    /// <summary>Wraps the params value; anything but an object (or null, which decodes to zero values) fails.</summary>
    public static ParamReader From(JsonNode? node, string what = "params") => node switch
    {
        null => new ParamReader(null),
        JsonObject o => new ParamReader(o),
        _ => throw new ParamDecodeException(what),
    };

    /// <summary>Decodes <paramref name="node"/> with <paramref name="decode"/>; null when Go's decoder would fail.</summary>
    public static T? TryDecode<T>(JsonNode? node, Func<ParamReader, T> decode) where T : class
    {
        try
        {
            return decode(From(node));
        }
        catch (ParamDecodeException)
        {
            return null;
        }
    }

    /// <summary>The raw value of a key (case-insensitive, last match wins), or null.</summary>
    public JsonNode? Raw(string name)
    {
        if (_object is null) return null;
        JsonNode? found = null;
        foreach (var (key, value) in _object)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) found = value;
        return found;
    }

    /// <summary>True when the key is present with a non-null value (for Go pointer fields).</summary>
    public bool Has(string name) => Raw(name) is not null;

    /// <summary>A string field ("" when missing or null).</summary>
    public string String(string name) => OptionalString(name) ?? "";

    /// <summary>A *string field: null when missing or null.</summary>
    public string? OptionalString(string name)
    {
        var node = Raw(name);
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) throw new ParamDecodeException(name);
        return node.GetValue<string>();
    }

    /// <summary>A uint64 field.</summary>
    public ulong UInt64(string name)
    {
        var d = Number(name);
        if (d is null) return 0;
        if (d < 0 || d >= 18446744073709551616.0) throw new ParamDecodeException(name);
        return (ulong)d.Value;
    }

    /// <summary>A uint32 field.</summary>
    public uint UInt32(string name)
    {
        var d = Number(name);
        if (d is null) return 0;
        if (d < 0 || d > uint.MaxValue) throw new ParamDecodeException(name);
        return (uint)d.Value;
    }

    /// <summary>A decimal amount: JSON string or number; missing/null = 0; unparsable text fails.</summary>
    public decimal Decimal(string name)
    {
        var node = Raw(name);
        if (node is null) return 0m;
        string text;
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                text = node.GetValue<string>();
                break;
            case JsonValueKind.Number:
                text = ParseDouble(node, name).ToString("R", CultureInfo.InvariantCulture);
                break;
            default:
                throw new ParamDecodeException(name);
        }
        if (!GoDecimal.TryParseInRange(text, out var value)) throw new ParamDecodeException(name);
        return value;
    }

    /// <summary>A nested struct field (missing/null gives an empty struct).</summary>
    public ParamReader Object(string name) => From(Raw(name), name);

    /// <summary>A slice of structs (missing/null gives an empty list; a null element is a zero struct).</summary>
    public IReadOnlyList<ParamReader> Objects(string name) => Array(name).Select(n => From(n, name)).ToList();

    /// <summary>A []string field.</summary>
    public IReadOnlyList<string> Strings(string name) => Array(name).Select(n =>
    {
        if (n is null) return "";
        if (n.GetValueKind() != JsonValueKind.String) throw new ParamDecodeException(name);
        return n.GetValue<string>();
    }).ToList();

    /// <summary>A []int64 field.</summary>
    public IReadOnlyList<long> Int64s(string name) => Array(name).Select(n =>
    {
        if (n is null) return 0L;
        if (n.GetValueKind() != JsonValueKind.Number) throw new ParamDecodeException(name);
        var d = Integral(ParseDouble(n, name), name);
        if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) throw new ParamDecodeException(name);
        return (long)d;
    }).ToList();

    private IReadOnlyList<JsonNode?> Array(string name)
    {
        var node = Raw(name);
        if (node is null) return [];
        if (node is not JsonArray array) throw new ParamDecodeException(name);
        return array.ToList();
    }

    private double? Number(string name)
    {
        var node = Raw(name);
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.Number) throw new ParamDecodeException(name);
        return Integral(ParseDouble(node, name), name);
    }

    // Go re-encodes the double: 1e21 and above come out in exponent form and no longer decode into integers.
    private static double Integral(double d, string name)
    {
        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Floor(d) != d || Math.Abs(d) >= 1e21) throw new ParamDecodeException(name);
        return d;
    }

    private static double ParseDouble(JsonNode node, string name)
    {
        if (double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
            return d;
        throw new ParamDecodeException(name);
    }
}
