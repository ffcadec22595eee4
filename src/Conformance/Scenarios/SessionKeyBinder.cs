namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads a <c>session_key:</c> mapping (on a wallet or an auth step) into a <see cref="SessionKeySpec"/>.</summary>
internal static class SessionKeyBinder
{
    private static readonly string[] Keys = ["application", "allowances", "expires_in", "expires_at", "scope"];

    /// <summary>The key settings with their defaults (application clearnode, one hour), or null when the node is not a mapping.</summary>
    public static SessionKeySpec? Bind(YNode node, string field, FieldReader r)
    {
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "must be a mapping with application, allowances, expires_in, expires_at, scope"));
            return null;
        }
        r.CheckKeys(m, Keys, field);
        var allowances = m.Get("allowances") is { } an ? r.AssetAmounts(an, $"{field}.allowances", "each allowance is {asset, amount}") : [];
        return new SessionKeySpec(
            r.OptStr(m, "application", $"{field}.application") ?? "clearnode",
            allowances,
            r.OptLong(m, "expires_in", $"{field}.expires_in") ?? 3600,
            r.OptStr(m, "scope", $"{field}.scope"),
            ExpiresAt(m, $"{field}.expires_at", r));
    }

    // Unix seconds as an unsigned 64-bit integer: the wire type of auth_request's expires_at, so its whole range can be sent.
    private static ulong? ExpiresAt(YMap m, string field, FieldReader r)
    {
        if (m.Get("expires_at") is not { } node) return null;
        if (node is YScalar s && ulong.TryParse(s.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
        r.Errors.Add(new(node.Mark, field, "must be an integer from 0 to 18446744073709551615 (Unix seconds)"));
        return null;
    }
}
