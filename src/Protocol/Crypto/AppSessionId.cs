using System.Globalization;
using System.Text;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Crypto;

/// <summary>
/// The app_session_id the ClearNode derives: "0x" + hex(keccak256(Go json.Marshal(definition))), with the
/// definition's fields in declaration order and Go's string escaping.
/// </summary>
public static class AppSessionId
{
    /// <summary>The session id of <paramref name="definition"/>, "0x" + 64 lower-case hex digits.</summary>
    public static string Compute(AppDefinition definition) =>
        Hex.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes(GoJson(definition))));

    /// <summary>
    /// The id a Go ClearNode computes after decoding the request's numbers into float64 (integers above 2^53
    /// round to the nearest double, e.g. nonce 9007199254740993 hashes as 9007199254740992).
    /// </summary>
    public static string ComputeAsGoServer(AppDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var rounded = definition with
        {
            Weights = definition.Weights?.Select(w => checked((long)(double)w)).ToArray()!,
            Quorum = ThroughDouble(definition.Quorum, nameof(AppDefinition.Quorum)),
            Challenge = ThroughDouble(definition.Challenge, nameof(AppDefinition.Challenge)),
            Nonce = ThroughDouble(definition.Nonce, nameof(AppDefinition.Nonce)),
        };
        return Compute(rounded);
    }

    /// <summary>The exact text that is hashed: compact JSON as Go's encoding/json writes the definition struct.</summary>
    public static string GoJson(AppDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = new StringBuilder(256);
        json.Append("{\"application\":");
        AppendGoString(json, definition.Application ?? "");
        json.Append(",\"protocol\":");
        AppendGoString(json, definition.Protocol ?? "");
        json.Append(",\"participants\":");
        if (definition.Participants is null)
        {
            json.Append("null"); // Go writes a nil slice as null
        }
        else
        {
            json.Append('[');
            for (var i = 0; i < definition.Participants.Count; i++)
            {
                if (i > 0) json.Append(',');
                AppendGoString(json, definition.Participants[i] ?? "");
            }
            json.Append(']');
        }
        json.Append(",\"weights\":");
        if (definition.Weights is null)
        {
            json.Append("null");
        }
        else
        {
            json.Append('[');
            for (var i = 0; i < definition.Weights.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.Append(definition.Weights[i].ToString(CultureInfo.InvariantCulture));
            }
            json.Append(']');
        }
        json.Append(",\"quorum\":").Append(definition.Quorum.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"challenge\":").Append(definition.Challenge.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"nonce\":").Append(definition.Nonce.ToString(CultureInfo.InvariantCulture));
        json.Append('}');
        return json.ToString();
    }

    // Go encoding/json (1.22+) string rules: \" \\ \n \r \t \b \f, other controls as \u00xx, HTML-safe
    // escapes for < > &, \u2028 and \u2029 escaped, invalid UTF-16 (a lone surrogate) written as \ufffd.
    // Kept private to this type; the general Go serialiser belongs to the JSON layer.
    private static void AppendGoString(StringBuilder json, string value)
    {
        json.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        json.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        json.Append("\\ufffd");
                    }
                    else
                    {
                        json.Append(c);
                    }
                    break;
            }
        }
        json.Append('"');
    }

    private static ulong ThroughDouble(ulong value, string field)
    {
        var asDouble = (double)value;
        // 2^64 itself is the only double above ulong.MaxValue that values can round to; Go then fails to decode.
        if (asDouble >= 18446744073709551616.0)
            throw new ArgumentOutOfRangeException(field, value, $"{field} rounds to 2^64 as a float64, which a Go ClearNode cannot decode.");
        return (ulong)asDouble;
    }
}
