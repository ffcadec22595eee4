namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads a scenario's <c>wallets:</c> mapping (funds, session key, connect / auth, extra connections).</summary>
internal static class WalletBinder
{
    private static readonly string[] WalletKeys = ["funds", "session_key", "connect", "auth", "connections"];

    /// <summary>The wallets in file order; problems are recorded, a wallet with problems is still listed.</summary>
    public static List<WalletSpec> Bind(YNode node, FieldReader r)
    {
        var list = new List<WalletSpec>();
        if (node is not YMap map || map.Entries.Count == 0)
        {
            r.Errors.Add(new(node.Mark, "wallets", "must be a non-empty mapping of wallet name to settings"));
            return list;
        }
        foreach (var (key, value) in map.Entries)
        {
            var field = $"wallets.{key.Value}";
            if (!NamePatterns.WalletName().IsMatch(key.Value) || key.Value is "broker" or "treasury" or "anonymous")
                r.Errors.Add(new(key.Mark, field, "wallet names match [a-z][a-z0-9_]* and may not be broker, treasury or anonymous"));
            var funds = new Dictionary<string, decimal>();
            SessionKeySpec? sessionKey = null;
            bool connect = true, auth = true;
            var connections = 1;
            if (value is YMap w)
            {
                r.CheckKeys(w, WalletKeys, field);
                if (w.Get("funds") is { } fn) BindFunds(fn, $"{field}.funds", funds, r);
                if (w.Get("session_key") is { } kn) sessionKey = SessionKeyBinder.Bind(kn, $"{field}.session_key", r);
                connect = r.OptBool(w, "connect", $"{field}.connect") ?? true;
                auth = r.OptBool(w, "auth", $"{field}.auth") ?? connect;
                connections = r.OptInt(w, "connections", $"{field}.connections") ?? 1;
                if (connections > 8) r.Errors.Add(new(w.Get("connections")!.Mark, $"{field}.connections", "at most 8 connections per wallet"));
                if (connections > 1 && !auth) r.Errors.Add(new(w.Get("connections")!.Mark, $"{field}.connections", "extra connections are authenticated, so the wallet needs auth"));
            }
            else if (!(value is YScalar s && s.IsNull))
            {
                r.Errors.Add(new(value.Mark, field, "must be a mapping (use {} for a wallet without settings)"));
            }
            list.Add(new WalletSpec(key.Value, funds, sessionKey, connect, auth, connections));
        }
        return list;
    }

    private static void BindFunds(YNode node, string field, Dictionary<string, decimal> funds, FieldReader r)
    {
        if (node is not YMap fm)
        {
            r.Errors.Add(new(node.Mark, field, "must be a mapping of asset to amount"));
            return;
        }
        foreach (var (a, amt) in fm.Entries)
        {
            if (r.Decimal(amt, $"{field}.{a.Value}") is not { } d) continue;
            if (d < 0) r.Errors.Add(new(amt.Mark, $"{field}.{a.Value}", "funds cannot be negative"));
            funds[a.Value] = d;
        }
    }
}
