namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads the fields of auth and revoke steps that need more than a typed read (session key use, challenge, sig, saved key names).</summary>
internal static class AuthStepBinder
{
    /// <summary>What a step's <c>session_key:</c> means: a key to register (auth), none (auth without a key) or the key to revoke.</summary>
    public sealed record SessionKeyUse(SessionKeySpec? Key, bool WithoutKey, string? RevokeTarget)
    {
        /// <summary>The step has no <c>session_key:</c>.</summary>
        public static readonly SessionKeyUse Absent = new(null, false, null);
    }

    /// <summary><c>session_key:</c> of the step: the key to revoke (revoke), none, or a key mapping to register (auth).</summary>
    public static SessionKeyUse SessionKey(string action, YMap m, string field, FieldReader r)
    {
        if (m.Get("session_key") is not { } skn) return SessionKeyUse.Absent;
        if (action == "revoke") return new(null, false, r.Str(m, "session_key", $"{field}.session_key"));
        if (skn is YScalar sks && sks.Value == "none") return new(null, true, null);
        return new(SessionKeyBinder.Bind(skn, $"{field}.session_key", r), false, null);
    }

    /// <summary><c>challenge:</c> of an auth step: fresh or previous.</summary>
    public static string? Challenge(string action, YMap m, string field, FieldReader r)
    {
        if (action != "auth" || m.Get("challenge") is not { } chn) return null;
        var challenge = r.Str(m, "challenge", $"{field}.challenge");
        if (challenge is not null and not "previous" and not "fresh")
            r.Errors.Add(new(chn.Mark, $"{field}.challenge", $"'{challenge}' is not fresh or previous"));
        return challenge;
    }

    /// <summary><c>sig:</c> of an auth step: zeros, short or literal hex.</summary>
    public static string? Signature(string action, YMap m, string field, FieldReader r)
    {
        if (action != "auth" || m.Get("sig") is not { } sgn) return null;
        var sig = r.Str(m, "sig", $"{field}.sig");
        if (sig is not null and not "zeros" and not "short" && !sig.StartsWith("0x", StringComparison.Ordinal))
            r.Errors.Add(new(sgn.Mark, $"{field}.sig", $"'{sig}' is not zeros, short or 0x-prefixed hex"));
        return sig;
    }

    /// <summary><c>save_key_as:</c>, the name an extra session key is saved under (<c>alice.key2</c>).</summary>
    public static string? SaveKeyAs(YMap m, string field, FieldReader r)
    {
        if (m.Get("save_key_as") is not { } ska) return null;
        var name = r.Str(m, "save_key_as", $"{field}.save_key_as");
        if (name is not null && (!NamePatterns.WalletName().IsMatch(name) || name == "key"))
            r.Errors.Add(new(ska.Mark, $"{field}.save_key_as", "must match [a-z][a-z0-9_]* and not be 'key' (use save_key for alice.key)"));
        return name;
    }
}
