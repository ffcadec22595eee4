using System.Text.RegularExpressions;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads a step's <c>expect:</c> (ok, none, or a mapping with ok / error / pattern / unchanged).</summary>
internal static class ExpectBinder
{
    private static readonly string[] Keys = ["ok", "error", "pattern", "unchanged"];

    /// <summary>The expectation; on errors it falls back to plain success.</summary>
    public static ExpectSpec Bind(YNode node, string field, FieldReader r)
    {
        if (node is YScalar s)
        {
            if (s.Value == "ok") return ExpectSpec.Ok;
            if (s.Value == "none") return ExpectSpec.None;
            r.Errors.Add(new(s.Mark, field, $"'{s.Value}' is not ok or none; use ok, none or a mapping with ok / error / pattern / unchanged"));
            return ExpectSpec.Ok;
        }
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "must be ok or a mapping"));
            return ExpectSpec.Ok;
        }
        r.CheckKeys(m, Keys, field);
        var hasOk = m.Get("ok") is not null;
        var error = r.OptStr(m, "error", $"{field}.error");
        var pattern = r.OptStr(m, "pattern", $"{field}.pattern");
        if (pattern is not null)
        {
            try { _ = new Regex(pattern); }
            catch (ArgumentException ex) { r.Errors.Add(new(m.Get("pattern")!.Mark, $"{field}.pattern", $"invalid regular expression: {ex.Message}")); }
        }
        var unchanged = r.OptBool(m, "unchanged", $"{field}.unchanged") ?? false;
        if (hasOk && (error is not null || pattern is not null || unchanged))
            r.Errors.Add(new(m.Mark, field, "ok cannot be combined with error, pattern or unchanged"));
        if (!hasOk && error is null && pattern is null)
            r.Errors.Add(new(m.Mark, field, "needs ok, or error and/or pattern"));
        if (hasOk)
        {
            var okNode = m.Get("ok")!;
            var fields = okNode is YScalar os && os.IsNull ? [] : r.FieldMap(okNode, $"{field}.ok");
            return new ExpectSpec(true, fields, null, null, false);
        }
        return new ExpectSpec(false, [], error, pattern, unchanged);
    }
}
