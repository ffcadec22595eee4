using System.Globalization;
using System.Text;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Rpc;

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
        AppendQuoted(json, definition.Application ?? "");
        json.Append(",\"protocol\":");
        AppendQuoted(json, definition.Protocol ?? "");
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
                AppendQuoted(json, definition.Participants[i] ?? "");
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

    // Go encoding/json string rules (HTML-safe < > &, U+2028/U+2029, lone surrogates as \ufffd) live in the JSON layer.
    private static void AppendQuoted(StringBuilder json, string value) => json.Append(Json.GoJson.Quote(value));

    private static ulong ThroughDouble(ulong value, string field)
    {
        var asDouble = (double)value;
        // 2^64 itself is the only double above ulong.MaxValue that values can round to; Go then fails to decode.
        if (asDouble >= 18446744073709551616.0)
            throw new ArgumentOutOfRangeException(field, value, $"{field} rounds to 2^64 as a float64, which a Go ClearNode cannot decode.");
        return (ulong)asDouble;
    }
}
