namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads one entry of <c>steps:</c>: the action's row in <see cref="StepTable"/> gives the allowed keys and binds
/// the action's own keys into its record; the keys every step allows are read here.</summary>
internal static class StepBinder
{
    /// <summary>The step, or null when it is not a mapping or names no known action (those errors are recorded).</summary>
    public static Step? Bind(YNode node, int index, FieldReader r)
    {
        var field = $"steps[{index}]";
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "each step is a mapping starting with do:"));
            return null;
        }
        var action = r.Str(m, "do", $"{field}.do");
        if (action is null) return null;
        if (StepTable.Find(action) is not { } kind)
        {
            r.Errors.Add(new(m.Get("do")!.Mark, $"{field}.do", $"unknown action '{action}' (known: {StepTable.Actions()})"));
            return null;
        }
        r.CheckKeys(m, [.. StepTable.Common, .. kind.Keys], field);
        var s = new StepReader(m, $"{field}({action})", r);
        var timestamp = TimestampOffset(s);
        var when = WhenProtocols(s);
        return kind.Bind(s) with
        {
            Index = index,
            Action = action,
            Mark = m.Mark,
            TimestampOffsetMs = timestamp,
            WhenProtocols = when,
            Name = s.OptStr("name"),
            As = s.OptStr("as"),
            Signers = s.Get("signers") is { } sg ? r.StrList(sg, s.At("signers")) : null,
            TimeoutMs = s.OptInt("timeout_ms"),
            Expect = s.Get("expect") is { } en ? ExpectBinder.Bind(en, s.At("expect"), r) : ExpectSpec.Ok,
            SignatureForm = s.Get("signature") is { } sfn ? SignatureFormBinder.Bind(sfn, s.At("signature"), r) : null,
        };
    }

    /// <summary><c>timestamp:</c> as an offset from now in ms (now = 0, stale = two minutes back).</summary>
    private static long TimestampOffset(StepReader s) =>
        s.Get("timestamp") is not YScalar ts ? 0 : ts.Value switch
        {
            "now" => 0,
            "stale" => -120_000,
            _ => s.R.Long(ts, s.At("timestamp")) ?? 0,
        };

    /// <summary><c>when: {protocol: ...}</c>: the protocols the step runs under, or null for all.</summary>
    private static IReadOnlyList<string>? WhenProtocols(StepReader s)
    {
        if (s.Get("when") is not { } wn) return null;
        if (wn is not YMap wm || wm.Get("protocol") is not { } wp)
        {
            s.Error(wn, "when", "must be {protocol: ...}");
            return null;
        }
        s.R.CheckKeys(wm, ["protocol"], s.At("when"));
        var when = wp is YScalar one ? [one.Value] : s.R.StrList(wp, s.At("when.protocol"));
        foreach (var p in when ?? [])
            if (!ScenarioVocabulary.AllProtocols.Contains(p)) s.Error(wp, "when.protocol", $"'{p}' is not a protocol");
        return when;
    }
}
