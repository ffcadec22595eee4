namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads a <c>session_key:</c> mapping (on a wallet or an auth step) into a <see cref="SessionKeySpec"/>.</summary>
internal static class SessionKeyBinder
{
    private static readonly string[] Keys = ["application", "allowances", "expires_in", "scope"];

    /// <summary>The key settings with their defaults (application clearnode, one hour), or null when the node is not a mapping.</summary>
    public static SessionKeySpec? Bind(YNode node, string field, FieldReader r)
    {
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "must be a mapping with application, allowances, expires_in, scope"));
            return null;
        }
        r.CheckKeys(m, Keys, field);
        var allowances = m.Get("allowances") is { } an ? r.AssetAmounts(an, $"{field}.allowances", "each allowance is {asset, amount}") : [];
        return new SessionKeySpec(
            r.OptStr(m, "application", $"{field}.application") ?? "clearnode",
            allowances,
            r.OptLong(m, "expires_in", $"{field}.expires_in") ?? 3600,
            r.OptStr(m, "scope", $"{field}.scope"));
    }
}
