using System.Text;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>Expands a scenario's <c>matrix</c> into rows and substitutes <c>{param}</c> placeholders in the tree.</summary>
public static class MatrixExpander
{
    /// <summary>One matrix row: its case suffix and parameter values.</summary>
    public sealed record Row(string Suffix, IReadOnlyList<KeyValuePair<string, YNode>> Values);

    /// <summary>Names that are run-time placeholders and therefore not allowed as matrix parameters.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>
    {
        "wallet", "key", "session", "version", "asset", "quorum", "now", "broker", "protocol", "request_id", "req_sigs", "case", "saved", "jwt",
    };

    /// <summary>The rows of a matrix node (map = cartesian product, list = explicit rows).</summary>
    public static IReadOnlyList<Row> Rows(YNode matrix, List<ScenarioError> errors)
    {
        var rows = new List<Row>();
        if (matrix is YMap map)
        {
            var combos = new List<List<KeyValuePair<string, YNode>>> { new() };
            foreach (var (k, v) in map.Entries)
            {
                CheckName(k, errors);
                if (v is not YSeq seq || seq.Items.Count == 0)
                {
                    errors.Add(new(v.Mark, $"matrix.{k.Value}", "must be a non-empty list of values"));
                    return rows;
                }
                combos = combos.SelectMany(c => seq.Items.Select(i => new List<KeyValuePair<string, YNode>>(c) { new(k.Value, i) })).ToList();
            }
            foreach (var c in combos)
                rows.Add(new Row(string.Join(",", c.Select(p => $"{p.Key}={Text(p.Value)}")), c));
        }
        else if (matrix is YSeq list && list.Items.Count > 0)
        {
            var suffixes = new HashSet<string>();
            foreach (var item in list.Items)
            {
                if (item is not YMap row || row.Entries.Count == 0)
                {
                    errors.Add(new(item.Mark, "matrix", "each row must be a non-empty mapping"));
                    continue;
                }
                var values = new List<KeyValuePair<string, YNode>>();
                string? caseName = null;
                foreach (var (k, v) in row.Entries)
                {
                    if (k.Value == "case") { caseName = (v as YScalar)?.Value; continue; }
                    CheckName(k, errors);
                    values.Add(new(k.Value, v));
                }
                var suffix = caseName ?? string.Join(",", values.Select(p => $"{p.Key}={Text(p.Value)}"));
                if (!suffixes.Add(suffix)) errors.Add(new(row.Mark, "matrix", $"duplicate matrix case '{suffix}'"));
                rows.Add(new Row(suffix, values));
            }
        }
        else
        {
            errors.Add(new(matrix.Mark, "matrix", "must be a mapping of lists or a non-empty list of rows"));
        }
        return rows;
    }

    private static void CheckName(YScalar key, List<ScenarioError> errors)
    {
        if (Reserved.Contains(key.Value))
            errors.Add(new(key.Mark, $"matrix.{key.Value}", $"'{key.Value}' is a run-time placeholder name and cannot be a matrix parameter"));
    }

    /// <summary>Text form of a value: scalars as written, lists joined by '+'.</summary>
    public static string Text(YNode node) => node switch
    {
        YScalar s => s.Value,
        YSeq q => string.Join("+", q.Items.Select(Text)),
        YMap m => string.Join(",", m.Entries.Select(e => $"{e.Key.Value}={Text(e.Value)}")),
        _ => "",
    };

    /// <summary>Returns <paramref name="node"/> with every matrix placeholder replaced.</summary>
    public static YNode Substitute(YNode node, IReadOnlyDictionary<string, YNode> values) => node switch
    {
        YScalar s => SubstituteScalar(s, values),
        YSeq q => q with { Items = q.Items.Select(i => Substitute(i, values)).ToList() },
        YMap m => m with { Entries = m.Entries.Select(e => new KeyValuePair<YScalar, YNode>(e.Key, Substitute(e.Value, values))).ToList() },
        _ => node,
    };

    private static YNode SubstituteScalar(YScalar s, IReadOnlyDictionary<string, YNode> values)
    {
        var v = s.Value;
        if (v.Length > 2 && v[0] == '{' && v[^1] == '}' && v.IndexOf('{', 1) < 0 && values.TryGetValue(v[1..^1], out var whole))
            return Relocate(whole, s.Mark);
        if (!v.Contains('{', StringComparison.Ordinal)) return s;
        var sb = new StringBuilder();
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] == '{' && i + 1 < v.Length && v[i + 1] == '{') { sb.Append("{{"); i++; continue; }
            if (v[i] == '{')
            {
                var end = v.IndexOf('}', i);
                if (end > i && values.TryGetValue(v[(i + 1)..end], out var part))
                {
                    sb.Append(Text(part));
                    i = end;
                    continue;
                }
            }
            sb.Append(v[i]);
        }
        return s with { Value = sb.ToString() };
    }

    // Values keep the placeholder's position so errors point at the use site.
    private static YNode Relocate(YNode node, SourceMark mark) => node switch
    {
        YScalar s => s with { Mark = mark },
        YSeq q => q with { Mark = mark, Items = q.Items.Select(i => Relocate(i, mark)).ToList() },
        YMap m => m with { Mark = mark, Entries = m.Entries.Select(e => new KeyValuePair<YScalar, YNode>(e.Key with { Mark = mark }, Relocate(e.Value, mark))).ToList() },
        _ => node,
    };
}
