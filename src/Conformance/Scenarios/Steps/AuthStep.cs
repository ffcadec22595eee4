namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: auth</c>: auth_request → auth_challenge → auth_verify on the wallet's connection, with optional variations.</summary>
public sealed record AuthStep : Step
{
    /// <summary>Session key to register (null = an ephemeral clearnode key, unless <see cref="WithoutKey"/>).</summary>
    public SessionKeySpec? SessionKey { get; init; }
    /// <summary><c>session_key: none</c>: authenticate without any session key.</summary>
    public bool WithoutKey { get; init; }
    /// <summary>Wallet signing the EIP-712 challenge instead of the sender.</summary>
    public string? Signer { get; init; }
    /// <summary>auth_request address override.</summary>
    public string? Address { get; init; }
    /// <summary>Remember the registered key as <c>as.key</c>.</summary>
    public bool SaveKey { get; init; }
    /// <summary>Remember the JWT.</summary>
    public bool SaveJwt { get; init; }
    /// <summary><c>previous</c> reuses this wallet's last challenge instead of sending auth_request.</summary>
    public string? Challenge { get; init; }
    /// <summary>Replacement for sig[0] of auth_verify (<c>zeros</c>, <c>short</c> or literal hex).</summary>
    public string? Signature { get; init; }
    /// <summary>Signer reference of an existing key to present as session_key (e.g. <c>bob.key</c>).</summary>
    public string? KeyRef { get; init; }
    /// <summary>Also remember the registered key as <c>as.&lt;name&gt;</c>.</summary>
    public string? SaveKeyAs { get; init; }
    /// <summary>An <see cref="AddressSpelling"/> form in which auth_request sends the session key (null = EIP-55).</summary>
    public string? KeySpelling { get; init; }
    /// <summary>auth_verify result fields to keep for later steps: name → dotted path (read as <c>{saved:name}</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, YNode>> Save { get; init; } = [];
    /// <summary>Another text form of the same UUID in which auth_verify sends the challenge (null = as received).</summary>
    public string? ChallengeSpelling { get; init; }

    /// <summary>The UUID text forms <c>challenge_spelling</c> may name: <c>urn:uuid:</c>, braced, 32 hex digits, upper case.</summary>
    public static readonly IReadOnlyList<string> ChallengeSpellings = ["urn", "braced", "hex", "upper"];

    internal static AuthStep Bind(StepReader s)
    {
        var key = s.Get("session_key");
        var without = key is YScalar { Value: "none" };
        return new()
        {
            SessionKey = key is null || without ? null : SessionKeyBinder.Bind(key, s.At("session_key"), s.R),
            WithoutKey = without,
            Challenge = s.OneOf("challenge", ["fresh", "previous"], null, "'{value}' is not fresh or previous"),
            Signature = s.OneOf("sig", ["zeros", "short"], t => t.StartsWith("0x", StringComparison.Ordinal), "'{value}' is not zeros, short or 0x-prefixed hex"),
            SaveKeyAs = BindSaveKeyAs(s),
            Signer = s.OptStr("signer"),
            Address = s.OptStr("address"),
            SaveKey = s.Flag("save_key"),
            SaveJwt = s.Flag("save_jwt"),
            KeyRef = s.OptStr("key"),
            KeySpelling = s.OneOf("key_spelling", [.. AddressSpelling.Forms], null, $"'{{value}}' is not an address spelling ({string.Join(", ", AddressSpelling.Forms)})"),
            Save = s.Get("save") is { } sv ? s.R.FieldMap(sv, s.At("save")) : [],
            ChallengeSpelling = s.OneOf("challenge_spelling", [.. ChallengeSpellings], null, $"'{{value}}' is not a challenge spelling ({string.Join(", ", ChallengeSpellings)})"),
        };
    }

    // The name an extra session key is saved under (alice.key2); "key" is save_key's.
    private static string? BindSaveKeyAs(StepReader s)
    {
        if (s.Get("save_key_as") is not { } node) return null;
        var name = s.OptStr("save_key_as");
        if (name is not null && (!NamePatterns.WalletName().IsMatch(name) || name == "key"))
            s.Error(node, "save_key_as", "must match [a-z][a-z0-9_]* and not be 'key' (use save_key for alice.key)");
        return name;
    }

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (KeyRef is { } kr) refs.Signer(kr, Mark, $"{field}.key");
        refs.Wallet(Signer, Mark, $"{field}.signer", allowLiteral: false);
        QueryStep.CheckSaves(Save, refs, field);
    }
}
