namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads one entry of <c>steps:</c> into a <see cref="StepSpec"/>; the action picks the allowed keys, the fields are read for every action.</summary>
internal static class StepBinder
{
    /// <summary>The step, or null when it is not a mapping or names no known action (those errors are recorded).</summary>
    public static StepSpec? Bind(YNode node, int index, FieldReader r)
    {
        var field = $"steps[{index}]";
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "each step is a mapping starting with do:"));
            return null;
        }
        var action = r.Str(m, "do", $"{field}.do");
        if (action is null) return null;
        if (!StepKeys.ByAction.TryGetValue(action, out var keys))
        {
            r.Errors.Add(new(m.Get("do")!.Mark, $"{field}.do", $"unknown action '{action}' (known: {string.Join(", ", StepKeys.ByAction.Keys)})"));
            return null;
        }
        r.CheckKeys(m, [.. StepKeys.Common, .. keys], field);
        field = $"{field}({action})";

        // The reads below keep the loader's historical order, so a step with several problems lists them as before.
        var tsOffset = TimestampOffset(m, field, r);
        var when = WhenProtocols(m, field, r);
        var version = Version(m, field, r);
        var keyUse = AuthStepBinder.SessionKey(action, m, field, r);
        List<AllowanceSpec> transferAllocations = [];
        var definition = DefinitionSpec.Empty;
        if (action == "transfer")
        {
            if (m.Get("allocations") is { } ta) transferAllocations = r.AssetAmounts(ta, $"{field}.allocations", "each entry is {asset, amount}");
        }
        else if (action != "auth")
        {
            definition = DefinitionBinder.Bind(m, field, r, null);
        }
        var authChallenge = AuthStepBinder.Challenge(action, m, field, r);
        var authSig = AuthStepBinder.Signature(action, m, field, r);
        var saveKeyAs = AuthStepBinder.SaveKeyAs(m, field, r);
        if (action == "resend") CheckResendFrame(m, field, r);

        return new StepSpec
        {
            Index = index,
            Do = action,
            Mark = m.Mark,
            Name = r.OptStr(m, "name", $"{field}.name"),
            As = r.OptStr(m, "as", $"{field}.as"),
            Signers = m.Get("signers") is { } sg ? r.StrList(sg, $"{field}.signers") : null,
            WhenProtocols = when,
            TimestampOffsetMs = tsOffset,
            TimeoutMs = r.OptInt(m, "timeout_ms", $"{field}.timeout_ms"),
            Expect = m.Get("expect") is { } en ? ExpectBinder.Bind(en, $"{field}.expect", r) : ExpectSpec.Ok,
            Session = r.OptStr(m, "session", $"{field}.session") ?? "main",
            SaveAs = r.OptStr(m, "save_as", $"{field}.save_as"),
            Protocol = r.OptStr(m, "protocol", $"{field}.protocol"),
            Definition = definition,
            Intent = r.OptStr(m, "intent", $"{field}.intent"),
            Version = version,
            SendAsWritten = r.OptBool(m, "send_as_written", $"{field}.send_as_written") ?? false,
            To = m.Get("to") is { } to ? (to is YScalar t1 ? [t1.Value] : r.StrList(to, $"{field}.to") ?? []) : [],
            ToTag = r.OptStr(m, "to_tag", $"{field}.to_tag"),
            TransferAllocations = transferAllocations,
            NotTo = m.Get("not_to") is { } nt ? r.StrList(nt, $"{field}.not_to") ?? [] : [],
            WithinMs = r.OptInt(m, "within_ms", $"{field}.within_ms"),
            Fields = m.Get("fields") is { } fl ? r.FieldMap(fl, $"{field}.fields") : [],
            Method = r.OptStr(m, "method", $"{field}.method"),
            Params = m.Get("params"),
            Frame = r.OptStr(m, "frame", $"{field}.frame"),
            Connection = r.OptStr(m, "connection", $"{field}.connection"),
            Balances = m.Get("balances") is { } bn ? r.NestedAmounts(bn, $"{field}.balances") : null,
            Shares = m.Get("shares") is { } shn ? r.NestedAmounts(shn, $"{field}.shares") : null,
            SessionState = m.Get("session_state") is { } ssn ? SessionStateBinder.Bind(ssn, $"{field}.session_state", r) : null,
            AuthSessionKey = keyUse.Key,
            AuthWithoutKey = keyUse.WithoutKey,
            RevokeTarget = keyUse.RevokeTarget,
            AuthSigner = r.OptStr(m, "signer", $"{field}.signer"),
            AuthAddress = r.OptStr(m, "address", $"{field}.address"),
            SaveKey = r.OptBool(m, "save_key", $"{field}.save_key") ?? false,
            SaveJwt = r.OptBool(m, "save_jwt", $"{field}.save_jwt") ?? false,
            Jwt = r.OptStr(m, "jwt", $"{field}.jwt"),
            SignatureForm = m.Get("signature") is { } sfn ? SignatureFormBinder.Bind(sfn, $"{field}.signature", r) : null,
            AuthChallenge = authChallenge,
            AuthSignature = authSig,
            AuthKeyRef = action == "auth" ? r.OptStr(m, "key", $"{field}.key") : null,
            SaveKeyAs = saveKeyAs,
        };
    }

    /// <summary><c>timestamp:</c> as an offset from now in ms (now = 0, stale = two minutes back).</summary>
    private static long TimestampOffset(YMap m, string field, FieldReader r) =>
        m.Get("timestamp") is not YScalar ts ? 0 : ts.Value switch
        {
            "now" => 0,
            "stale" => -120_000,
            _ => r.Long(ts, $"{field}.timestamp") ?? 0,
        };

    /// <summary><c>when: {protocol: ...}</c>: the protocols the step runs under, or null for all.</summary>
    private static IReadOnlyList<string>? WhenProtocols(YMap m, string field, FieldReader r)
    {
        if (m.Get("when") is not { } wn) return null;
        if (wn is not YMap wm || wm.Get("protocol") is not { } wp)
        {
            r.Errors.Add(new(wn.Mark, $"{field}.when", "must be {protocol: ...}"));
            return null;
        }
        r.CheckKeys(wm, ["protocol"], $"{field}.when");
        var when = wp is YScalar one ? [one.Value] : r.StrList(wp, $"{field}.when.protocol");
        foreach (var p in when ?? [])
            if (!ScenarioVocabulary.AllProtocols.Contains(p)) r.Errors.Add(new(wp.Mark, $"{field}.when.protocol", $"'{p}' is not a protocol"));
        return when;
    }

    /// <summary><c>version:</c> of a submit step (integer, current, current+N, current-N or none).</summary>
    private static VersionSpec? Version(YMap m, string field, FieldReader r)
    {
        if (m.Get("version") is not YScalar vs) return null;
        var version = VersionSpec.Parse(vs.Value);
        if (version is null) r.Errors.Add(new(vs.Mark, $"{field}.version", $"'{vs.Value}' is not an integer, current, current+N, current-N or none"));
        return version;
    }

    /// <summary>Only the last request frame of the case can be resent.</summary>
    private static void CheckResendFrame(YMap m, string field, FieldReader r)
    {
        if (m.Get("frame") is not { } rfn) return;
        var frame = r.Str(m, "frame", $"{field}.frame");
        if (frame is not null and not "previous") r.Errors.Add(new(rfn.Mark, $"{field}.frame", "only 'previous' (the last request frame of the case) can be resent"));
    }
}
