using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Rpc;

/// <summary>Parses request and response frames, keeping the exact raw array text that signatures cover.</summary>
/// <remarks>Scans the UTF-8 bytes with <see cref="Utf8JsonReader"/> and slices by byte position, so the raw
/// <c>req</c>/<c>res</c> text is never re-serialised. Every malformed input ends in <see cref="RpcFrameFormatException"/>.</remarks>
public static class RpcFrameParser
{
    /// <summary>Maximum JSON nesting accepted anywhere in a frame.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses one frame; throws <see cref="RpcFrameFormatException"/> naming the bad field.</summary>
    public static RpcFrame Parse(string text)
    {
        if (text is null) throw new RpcFrameFormatException("frame", "text is null.");
        if (text.Length == 0) throw new RpcFrameFormatException("frame", "text is empty.");
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            return ParseBytes(text, bytes);
        }
        catch (JsonException ex)
        {
            throw new RpcFrameFormatException("frame",
                $"invalid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports undecodable string escapes (lone surrogates) this way.
            throw new RpcFrameFormatException("frame", $"unreadable JSON string: {ex.Message}", ex);
        }
    }

    /// <summary>Like <see cref="Parse"/> but returns false with the error instead of throwing.</summary>
    public static bool TryParse(string text, out RpcFrame? frame, out RpcFrameFormatException? error)
    {
        try
        {
            frame = Parse(text);
            error = null;
            return true;
        }
        catch (RpcFrameFormatException ex)
        {
            frame = null;
            error = ex;
            return false;
        }
    }

    private static RpcFrame ParseBytes(string text, byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        if (!reader.Read()) throw new RpcFrameFormatException("frame", "contains no JSON value.");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new RpcFrameFormatException("frame", $"top level must be a JSON object, got {Describe(reader.TokenType)}.");

        ArrayParts? array = null;
        RpcFrameKind kind = default;
        List<string>? signatures = null;
        string? sid = null;
        var seenSig = false;
        var seenSid = false;

        while (true)
        {
            if (!reader.Read()) throw new RpcFrameFormatException("frame", "ends before the object is closed.");
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var name = reader.GetString()!;
            switch (name)
            {
                case "req":
                case "res":
                    if (array is not null)
                        throw new RpcFrameFormatException(name, array.Value.Name == name
                            ? "appears twice."
                            : "a frame carries either req or res, not both.");
                    array = ReadArray(ref reader, name);
                    kind = name == "req" ? RpcFrameKind.Request : RpcFrameKind.Response;
                    break;
                case "sig":
                    if (seenSig) throw new RpcFrameFormatException("sig", "appears twice.");
                    seenSig = true;
                    signatures = ReadSignatures(ref reader);
                    break;
                case "sid":
                    if (seenSid) throw new RpcFrameFormatException("sid", "appears twice.");
                    seenSid = true;
                    Next(ref reader, "sid");
                    if (reader.TokenType == JsonTokenType.String) sid = reader.GetString();
                    else if (reader.TokenType != JsonTokenType.Null)
                        throw new RpcFrameFormatException("sid", $"must be a string, got {Describe(reader.TokenType)}.");
                    break;
                default:
                    // Unknown keys are ignored, as the server's decoder does.
                    Next(ref reader, name);
                    reader.Skip();
                    break;
            }
        }
        if (reader.Read()) throw new RpcFrameFormatException("frame", "has data after the closing '}'.");
        if (array is null) throw new RpcFrameFormatException("frame", "has neither a req nor a res array.");

        var parts = array.Value;
        // The reader has already validated the params text (syntax and depth), so parsing it later cannot fail.
        var rawParams = Encoding.UTF8.GetString(bytes, parts.ParamsStart, parts.ParamsEnd - parts.ParamsStart);

        return new RpcFrame
        {
            Kind = kind,
            RawArray = Encoding.UTF8.GetString(bytes, parts.Start, parts.End - parts.Start),
            RequestId = parts.RequestId,
            Method = parts.Method,
            RawParams = rawParams,
            Timestamp = parts.Timestamp,
            Signatures = (IReadOnlyList<string>?)signatures ?? [],
            Sid = sid,
            Text = text,
        };
    }

    /// <summary>Parses already-validated params text into a tree (null for JSON <c>null</c>).</summary>
    internal static JsonNode? ParseParams(string rawParams) => JsonNode.Parse(rawParams, null, DocumentOptions);

    private readonly record struct ArrayParts(string Name, int Start, int End, ulong RequestId, string Method, int ParamsStart, int ParamsEnd, ulong Timestamp);

    private static ArrayParts ReadArray(ref Utf8JsonReader reader, string name)
    {
        Next(ref reader, name);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new RpcFrameFormatException(name, $"must be an array of 4 elements, got {Describe(reader.TokenType)}.");
        var start = checked((int)reader.TokenStartIndex);

        NextElement(ref reader, name, 0);
        var id = ReadUInt64(ref reader, $"{name}[0]", "request id");

        NextElement(ref reader, name, 1);
        if (reader.TokenType != JsonTokenType.String)
            throw new RpcFrameFormatException($"{name}[1]", $"method must be a string, got {Describe(reader.TokenType)}.");
        var method = reader.GetString()!;

        NextElement(ref reader, name, 2);
        var paramsStart = checked((int)reader.TokenStartIndex);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        var paramsEnd = checked((int)reader.BytesConsumed);

        NextElement(ref reader, name, 3);
        var ts = ReadUInt64(ref reader, $"{name}[3]", "timestamp");

        Next(ref reader, name);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            var count = 5;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                count++;
            }
            throw new RpcFrameFormatException(name, $"has {count} elements, expected exactly 4.");
        }
        var end = checked((int)reader.BytesConsumed);
        return new ArrayParts(name, start, end, id, method, paramsStart, paramsEnd, ts);
    }

    private static void NextElement(ref Utf8JsonReader reader, string name, int index)
    {
        Next(ref reader, name);
        if (reader.TokenType == JsonTokenType.EndArray)
            throw new RpcFrameFormatException(name, $"has {index} elements, expected exactly 4.");
    }

    private static ulong ReadUInt64(ref Utf8JsonReader reader, string field, string what)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new RpcFrameFormatException(field, $"{what} must be a JSON integer, got {Describe(reader.TokenType)}.");
        var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        foreach (var b in span)
        {
            if (b is < (byte)'0' or > (byte)'9')
                throw new RpcFrameFormatException(field, $"{what} must be an unsigned integer literal, got {Shorten(Encoding.UTF8.GetString(span))}.");
        }
        if (!reader.TryGetUInt64(out var value))
            throw new RpcFrameFormatException(field, $"{what} {Shorten(Encoding.UTF8.GetString(span))} does not fit in 64 bits.");
        return value;
    }

    private static List<string> ReadSignatures(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        Next(ref reader, "sig");
        if (reader.TokenType == JsonTokenType.Null) return list;
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new RpcFrameFormatException("sig", $"must be an array of hex strings, got {Describe(reader.TokenType)}.");
        while (true)
        {
            Next(ref reader, "sig");
            if (reader.TokenType == JsonTokenType.EndArray) return list;
            var field = $"sig[{list.Count}]";
            if (reader.TokenType != JsonTokenType.String)
                throw new RpcFrameFormatException(field, $"must be a 0x-hex string, got {Describe(reader.TokenType)}.");
            var s = reader.GetString()!;
            if (!Hex.IsPrefixedHex(s))
                throw new RpcFrameFormatException(field, $"'{Shorten(s)}' is not 0x-prefixed even-length hex.");
            list.Add(s);
        }
    }

    private static void Next(ref Utf8JsonReader reader, string field)
    {
        if (!reader.Read()) throw new RpcFrameFormatException(field, "frame ends early (truncated JSON).");
    }

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
