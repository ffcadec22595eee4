namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads app-session definition fields (scenario <c>session:</c> or a step's overrides) and allocation lists.</summary>
internal static class DefinitionBinder
{
    /// <summary>The keys of a definition; the scenario-level <c>session:</c> allows exactly these.</summary>
    public static readonly string[] Keys = ["application", "participants", "weights", "quorum", "challenge", "nonce", "allocations", "session_data"];

    /// <summary>Reads the definition fields of <paramref name="m"/>; checks its keys only when <paramref name="allowedKeys"/> is given.</summary>
    public static DefinitionSpec Bind(YMap m, string field, FieldReader r, string[]? allowedKeys)
    {
        if (allowedKeys is not null) r.CheckKeys(m, allowedKeys, field);
        List<long>? weights = null;
        if (m.Get("weights") is { } wn)
        {
            if (wn is YSeq ws)
                weights = ws.Items.Select(i => r.Long(i, $"{field}.weights") ?? 0).ToList();
            else r.Errors.Add(new(wn.Mark, $"{field}.weights", "must be a list of integers"));
        }
        long? nonce = null;
        if (m.Get("nonce") is YScalar ns && ns.Value != "fresh") nonce = r.Long(ns, $"{field}.nonce");
        return new DefinitionSpec(
            r.OptStr(m, "application", $"{field}.application"),
            m.Get("participants") is { } pn ? r.StrList(pn, $"{field}.participants") : null,
            weights,
            r.OptLong(m, "quorum", $"{field}.quorum"),
            r.OptLong(m, "challenge", $"{field}.challenge"),
            nonce,
            m.Get("allocations") is { } an ? Allocations(an, $"{field}.allocations", r) : null,
            r.OptStr(m, "session_data", $"{field}.session_data"));
    }

    /// <summary>A list of <c>{participant, asset, amount}</c> (a definition's or a submit / close step's allocations).</summary>
    public static List<AllocationSpec> Allocations(YNode node, string field, FieldReader r)
    {
        var list = new List<AllocationSpec>();
        if (node is not YSeq seq)
        {
            r.Errors.Add(new(node.Mark, field, "must be a list of {participant, asset, amount}"));
            return list;
        }
        foreach (var item in seq.Items)
        {
            if (item is not YMap am)
            {
                r.Errors.Add(new(item.Mark, field, "each allocation is {participant, asset, amount}"));
                continue;
            }
            r.CheckKeys(am, ["participant", "asset", "amount"], field);
            var p = r.Str(am, "participant", $"{field}.participant");
            var a = r.Str(am, "asset", $"{field}.asset");
            var v = r.Str(am, "amount", $"{field}.amount");
            if (p is not null && a is not null && v is not null) list.Add(new(p, a, v));
        }
        return list;
    }
}
