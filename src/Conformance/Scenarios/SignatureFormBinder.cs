namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads a step's <c>signature:</c> (how the request signature is formed and the frame text is sent).</summary>
internal static class SignatureFormBinder
{
    private static readonly string[] Keys = ["v", "scheme", "signed_text", "sent_text"];

    /// <summary>The signature form with defaults for absent keys, or null when the node is not a mapping.</summary>
    public static SignatureFormSpec? Bind(YNode node, string field, FieldReader r)
    {
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "must be a mapping with v, scheme, signed_text, sent_text"));
            return null;
        }
        r.CheckKeys(m, Keys, field);
        string Pick(string key, string fallback, string[] allowed)
        {
            if (m.Get(key) is null) return fallback;
            var v = r.Str(m, key, $"{field}.{key}") ?? fallback;
            if (!allowed.Contains(v))
            {
                r.Errors.Add(new(m.Get(key)!.Mark, $"{field}.{key}", $"'{v}' is not one of {string.Join(", ", allowed)}"));
                return fallback;
            }
            return v;
        }
        return new SignatureFormSpec(
            Pick("v", "27/28", ["27/28", "0/1"]),
            Pick("scheme", "raw", ["raw", "eip191"]),
            Pick("signed_text", "as_sent", ["as_sent", "compact", "spaced"]),
            Pick("sent_text", "compact", ["compact", "spaced"]));
    }
}
