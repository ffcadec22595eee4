using System.Globalization;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>Typed reads of scenario YAML values that record errors instead of throwing.</summary>
internal sealed class FieldReader(List<ScenarioError> errors)
{
    /// <summary>Where problems are collected.</summary>
    public List<ScenarioError> Errors { get; } = errors;

    /// <summary>Rejects keys of <paramref name="map"/> that are not in <paramref name="allowed"/>.</summary>
    public void CheckKeys(YMap map, IReadOnlyCollection<string> allowed, string field) => AllowedKeys.Check(map, allowed, field, Errors);

    /// <summary>The text under <paramref name="key"/>; "is required" when absent, "must be a text value" when not text.</summary>
    public string? Str(YMap map, string key, string field)
    {
        var node = map.Get(key);
        if (node is null) { Errors.Add(new(map.Mark, field, "is required")); return null; }
        if (node is YScalar s && !s.IsNull) return s.Value;
        if (node is YScalar { Quoted: true } q) return q.Value;
        Errors.Add(new(node.Mark, field, "must be a text value"));
        return null;
    }

    /// <summary>The text under <paramref name="key"/>, or null when the key is absent.</summary>
    public string? OptStr(YMap map, string key, string field) => map.Get(key) is null ? null : Str(map, key, field);

    /// <summary>A list of text values.</summary>
    public List<string>? StrList(YNode node, string field)
    {
        if (node is YSeq seq && seq.Items.All(i => i is YScalar)) return seq.Items.Cast<YScalar>().Select(s => s.Value).ToList();
        Errors.Add(new(node.Mark, field, "must be a list of text values"));
        return null;
    }

    /// <summary>An integer.</summary>
    public long? Long(YNode node, string field)
    {
        if (node is YScalar s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        Errors.Add(new(node.Mark, field, $"must be an integer, got '{(node as YScalar)?.Value ?? node.GetType().Name}'"));
        return null;
    }

    /// <summary>A decimal amount.</summary>
    public decimal? Decimal(YNode node, string field)
    {
        if (node is YScalar s && decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) return v;
        Errors.Add(new(node.Mark, field, $"must be a decimal amount, got '{(node as YScalar)?.Value ?? node.GetType().Name}'"));
        return null;
    }

    /// <summary>An integer under <paramref name="key"/>, or null when absent.</summary>
    public long? OptLong(YMap map, string key, string field) => map.Get(key) is { } n ? Long(n, field) : null;

    /// <summary>A positive integer under <paramref name="key"/>, or null when absent.</summary>
    public int? OptInt(YMap map, string key, string field)
    {
        var v = OptLong(map, key, field);
        if (v is null) return null;
        if (v is < 1 or > int.MaxValue) { Errors.Add(new(map.Get(key)!.Mark, field, "must be a positive integer")); return null; }
        return (int)v;
    }

    /// <summary>true / false under <paramref name="key"/>, or null when absent.</summary>
    public bool? OptBool(YMap map, string key, string field)
    {
        if (map.Get(key) is not { } n) return null;
        if (n is YScalar { Value: "true" or "True" }) return true;
        if (n is YScalar { Value: "false" or "False" }) return false;
        Errors.Add(new(n.Mark, field, "must be true or false"));
        return null;
    }

    /// <summary>A mapping of field path to expected value, kept as YAML for later rendering.</summary>
    public IReadOnlyList<KeyValuePair<string, YNode>> FieldMap(YNode node, string field)
    {
        if (node is YMap m) return m.Entries.Select(e => new KeyValuePair<string, YNode>(e.Key.Value, e.Value)).ToList();
        Errors.Add(new(node.Mark, field, "must be a mapping of field path to expected value"));
        return [];
    }

    /// <summary>A mapping of wallet to {asset: amount}.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? NestedAmounts(YNode node, string field)
    {
        if (node is not YMap m) { Errors.Add(new(node.Mark, field, "must be a mapping of wallet to {asset: amount}")); return null; }
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var (w, v) in m.Entries)
        {
            if (v is not YMap am) { Errors.Add(new(v.Mark, $"{field}.{w.Value}", "must be a mapping of asset to amount")); continue; }
            var inner = new Dictionary<string, string>();
            foreach (var (a, amt) in am.Entries)
                if (Decimal(amt, $"{field}.{w.Value}.{a.Value}") is not null) inner[a.Value] = ((YScalar)amt).Value;
            result[w.Value] = inner;
        }
        return result;
    }

    /// <summary>A list of <c>{asset, amount}</c> entries (session-key allowances, transfer allocations).</summary>
    public List<AllowanceSpec> AssetAmounts(YNode node, string field, string itemMessage)
    {
        var list = new List<AllowanceSpec>();
        if (node is not YSeq seq)
        {
            Errors.Add(new(node.Mark, field, "must be a list"));
            return list;
        }
        foreach (var item in seq.Items)
        {
            if (item is not YMap am)
            {
                Errors.Add(new(item.Mark, field, itemMessage));
                continue;
            }
            CheckKeys(am, ["asset", "amount"], field);
            var asset = Str(am, "asset", $"{field}.asset");
            var amount = Str(am, "amount", $"{field}.amount");
            if (asset is not null && amount is not null) list.Add(new(asset, amount));
        }
        return list;
    }
}
