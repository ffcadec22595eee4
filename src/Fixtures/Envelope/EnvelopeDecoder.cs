using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Envelope;

/// <summary>
/// Decodes one inbound frame the way the Go node's <c>encoding/json</c> decoding of its envelope behaves
/// (clearnode-rpc.md §2.1, §3.1 steps 1–2, §3.2): keys match case-insensitively, type mismatches on
/// <c>sig</c>/<c>sid</c> are remembered while decoding continues, errors inside <c>req</c> or a <c>sig</c>
/// element stop decoding, and the request id is known once <c>req[0]</c> was decoded.
/// </summary>
public static class EnvelopeDecoder
{
    /// <summary>Nesting limit; Go allows 10000, this node stops at 1000 to keep every later tree walk shallow.</summary>
    public const int MaxDepth = 1000;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Decodes <paramref name="text"/>; returns the request or the failure to answer. A <c>res</c> beside a null
    /// <c>req</c> is validated field by field as Go's validator does (rpc.go ~l.12-13, 46-50; rpc_node.go ~l.177-186).
    /// </summary>
    public static (InboundRequest? Request, EnvelopeFailure? Failure) Decode(string text)
    {
        // Same-length rewrite, so raw req offsets stay valid against the original text.
        var parseable = SurrogateEscapes.Sanitize(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(parseable, DocumentOptions);
        }
        catch (JsonException)
        {
            // Syntax errors are found before anything is decoded: the id is unknown.
            return (null, new EnvelopeFailure(EnvelopeFailure.InvalidFormat, 0));
        }

        using (document)
        {
            var (request, failure) = Decode(document.RootElement, text);
            if (request is not null && !ReferenceEquals(parseable, text))
                request = request with { RawReq = OriginalSlice(parseable, text, request.RawReq) };
            return (request, failure);
        }
    }

    private static (InboundRequest?, EnvelopeFailure?) Decode(JsonElement root, string text)
    {
        if (root.ValueKind == JsonValueKind.Null)
            return (null, new EnvelopeFailure(EnvelopeFailure.ValidationFailed, 0));
        if (root.ValueKind != JsonValueKind.Object)
            return (null, new EnvelopeFailure(EnvelopeFailure.InvalidFormat, 0));

        var req = new RequestData();
        var reqIsNull = false;
        var hasRes = false;
        var res = new RequestData();
        var savedError = false;
        string? sid = null;
        List<string>? signatures = null;

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name.ToLowerInvariant())
            {
                case "req":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        reqIsNull = true;
                        break;
                    }
                    if (reqIsNull)
                    {
                        req = new RequestData();
                        reqIsNull = false;
                    }
                    if (!req.TryDecode(value))
                        return (null, Malformed(reqIsNull, req));
                    break;
                case "res":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        hasRes = false;
                        break;
                    }
                    res = new RequestData();
                    if (!res.TryDecode(value))
                        return (null, Malformed(reqIsNull, req));
                    hasRes = true;
                    break;
                case "sid":
                    if (value.ValueKind == JsonValueKind.String) sid = value.GetString();
                    else if (value.ValueKind != JsonValueKind.Null) savedError = true;
                    break;
                case "sig":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        signatures = null;
                        break;
                    }
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        savedError = true;
                        break;
                    }
                    signatures = [];
                    foreach (var element in value.EnumerateArray())
                    {
                        if (element.ValueKind != JsonValueKind.String || !IsPrefixedHex(element.GetString()!))
                            return (null, Malformed(reqIsNull, req));
                        signatures.Add(element.GetString()!);
                    }
                    break;
            }
        }

        if (savedError)
            return (null, Malformed(reqIsNull, req));

        if (reqIsNull)
        {
            // Go: a null req with a res passes validation and is answered "message request is empty";
            // without res the validator rejects it. Either way the id is the server's time.
            var resValid = hasRes && res.HasRequiredFields;
            return (null, new EnvelopeFailure(resValid ? "message request is empty" : EnvelopeFailure.ValidationFailed, 0));
        }

        if (hasRes || !req.HasRequiredFields)
            return (null, new EnvelopeFailure(EnvelopeFailure.ValidationFailed, 0));

        var request = new InboundRequest(req.RequestId, req.Method!, req.Params!, req.Timestamp, req.RawText!,
            (IReadOnlyList<string>?)signatures ?? [], sid, text);
        return (request, null);
    }

    // A decode error: its id is the one decoded so far; with req set to null, the Go node dereferences nil answering it.
    private static EnvelopeFailure Malformed(bool reqIsNull, RequestData req) =>
        new(EnvelopeFailure.InvalidFormat, reqIsNull ? 0 : req.RequestId, NilRequest: reqIsNull);

    // The raw req as it was received: the sanitized slice located in the sanitized text, cut from the original.
    private static string OriginalSlice(string parseable, string original, string rawSanitized)
    {
        var index = parseable.IndexOf(rawSanitized, StringComparison.Ordinal);
        return index < 0 ? rawSanitized : original.Substring(index, rawSanitized.Length);
    }

    /// <summary>Go's <c>hexutil.Decode</c> acceptance: <c>0x</c>/<c>0X</c> prefix, even number of hex digits.</summary>
    public static bool IsPrefixedHex(string value)
    {
        if (value.Length < 2 || value[0] != '0' || (value[1] != 'x' && value[1] != 'X')) return false;
        if ((value.Length - 2) % 2 != 0) return false;
        for (var i = 2; i < value.Length; i++)
        {
            if (!char.IsAsciiHexDigit(value[i])) return false;
        }
        return true;
    }

    /// <summary>The four request elements, decoded in order the way the Go array decoder fills them.</summary>
    private sealed class RequestData
    {
        public ulong RequestId;
        public string? Method;
        public JsonNode? Params;
        public ulong Timestamp;
        public string? RawText;

        // The validator's "required" tags: non-zero id and timestamp, non-empty method, non-null params.
        public bool HasRequiredFields => RequestId != 0 && !string.IsNullOrEmpty(Method) && Params is not null && Timestamp != 0;

        public bool TryDecode(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 4) return false;
            var items = value.EnumerateArray().ToArray();
            if (!TryUInt64(items[0], ref RequestId)) return false;
            if (items[1].ValueKind == JsonValueKind.String) Method = items[1].GetString();
            else if (items[1].ValueKind != JsonValueKind.Null) return false;
            Params = items[2].ValueKind == JsonValueKind.Null
                ? null
                : JsonNode.Parse(items[2].GetRawText(), documentOptions: DocumentOptions);
            if (!TryUInt64(items[3], ref Timestamp)) return false;
            RawText = value.GetRawText();
            return true;
        }

        // A JSON null leaves the field as it was; anything but a plain unsigned integer literal fails.
        private static bool TryUInt64(JsonElement element, ref ulong target)
        {
            if (element.ValueKind == JsonValueKind.Null) return true;
            if (element.ValueKind != JsonValueKind.Number) return false;
            // NumberStyles.None takes digits only: a sign, fraction or exponent fails, as in Go's uint64 decoding.
            if (!ulong.TryParse(element.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
            target = parsed;
            return true;
        }
    }

    /// <summary>Decodes frame bytes as UTF-8, replacing invalid sequences with U+FFFD as Go's decoder does.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
