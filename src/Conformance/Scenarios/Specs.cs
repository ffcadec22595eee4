namespace NitroConformance.Conformance.Scenarios;

/// <summary>A named test wallet: the funds it needs and how it connects.</summary>
public sealed record WalletSpec(string Name, IReadOnlyDictionary<string, decimal> Funds, SessionKeySpec? SessionKey, bool Connect, bool Auth);

/// <summary>A session key to register at authentication.</summary>
public sealed record SessionKeySpec(string Application, IReadOnlyList<AllowanceSpec> Allowances, long ExpiresIn, string? Scope);

/// <summary>One spending cap of a session key (logical asset).</summary>
public sealed record AllowanceSpec(string Asset, string Amount);

/// <summary>One allocation entry as written (participant is a wallet name, a literal or a template).</summary>
public sealed record AllocationSpec(string Participant, string Asset, string Amount);

/// <summary>An app-session definition or an overlay of one (null = not given).</summary>
public sealed record DefinitionSpec(
    string? Application,
    IReadOnlyList<string>? Participants,
    IReadOnlyList<long>? Weights,
    long? Quorum,
    long? Challenge,
    long? Nonce,
    IReadOnlyList<AllocationSpec>? Allocations,
    string? SessionData)
{
    /// <summary>An overlay that changes nothing.</summary>
    public static DefinitionSpec Empty { get; } = new(null, null, null, null, null, null, null, null);

    /// <summary>This definition with every non-null field of <paramref name="overlay"/> applied.</summary>
    public DefinitionSpec With(DefinitionSpec overlay) => new(
        overlay.Application ?? Application, overlay.Participants ?? Participants, overlay.Weights ?? Weights,
        overlay.Quorum ?? Quorum, overlay.Challenge ?? Challenge, overlay.Nonce ?? Nonce,
        overlay.Allocations ?? Allocations, overlay.SessionData ?? SessionData);
}

/// <summary>The <c>version:</c> of a submit: absolute, relative to the remembered version, or omitted.</summary>
public sealed record VersionSpec(bool Omit, bool Relative, long Value)
{
    /// <summary>Parses <c>3</c>, <c>current</c>, <c>current+1</c>, <c>current-2</c> or <c>none</c>; null when malformed.</summary>
    public static VersionSpec? Parse(string text)
    {
        text = text.Trim();
        if (text == "none") return new VersionSpec(true, false, 0);
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var abs))
            return new VersionSpec(false, false, abs);
        if (!text.StartsWith("current", StringComparison.Ordinal)) return null;
        var rest = text["current".Length..].Replace(" ", "", StringComparison.Ordinal);
        if (rest.Length == 0) return new VersionSpec(false, true, 0);
        if (rest[0] is not ('+' or '-')) return null;
        if (!long.TryParse(rest[1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var off)) return null;
        return new VersionSpec(false, true, rest[0] == '-' ? -off : off);
    }

    /// <summary>The version to send given the remembered one; null when the key is omitted.</summary>
    public long? Resolve(long current) => Omit ? null : Relative ? current + Value : Value;
}

/// <summary>The expected outcome of a step.</summary>
public sealed record ExpectSpec(bool Success, IReadOnlyList<KeyValuePair<string, YNode>> Fields, string? Error, string? Pattern, bool Unchanged)
{
    /// <summary>Plain success with no field checks.</summary>
    public static ExpectSpec Ok { get; } = new(true, [], null, null, false);
}

/// <summary>The <c>session_state</c> keys of a <c>check</c> step.</summary>
public sealed record SessionStateSpec(string? Status, string? Version, string? SessionData);

/// <summary>One step of a scenario; which fields are set depends on <see cref="Do"/>.</summary>
public sealed record StepSpec
{
    /// <summary>0-based position in the scenario.</summary>
    public required int Index { get; init; }
    /// <summary>The action (create, submit, close, transfer, query, request, raw, check, wait_push, auth, reauth, revoke).</summary>
    public required string Do { get; init; }
    /// <summary>Where the step starts in its file.</summary>
    public required SourceMark Mark { get; init; }
    /// <summary>Report label.</summary>
    public string? Name { get; init; }
    /// <summary>Sending wallet.</summary>
    public string? As { get; init; }
    /// <summary>Signer references; null = the action's default.</summary>
    public IReadOnlyList<string>? Signers { get; init; }
    /// <summary>Protocols under which the step runs; null = all.</summary>
    public IReadOnlyList<string>? WhenProtocols { get; init; }
    /// <summary>Request timestamp offset from now in ms (0 = now).</summary>
    public long TimestampOffsetMs { get; init; }
    /// <summary>Response timeout override.</summary>
    public int? TimeoutMs { get; init; }
    /// <summary>Expected outcome.</summary>
    public ExpectSpec Expect { get; init; } = ExpectSpec.Ok;

    /// <summary>Target session name (default <c>main</c>).</summary>
    public string Session { get; init; } = "main";
    /// <summary>Name under which a created session is remembered.</summary>
    public string? SaveAs { get; init; }
    /// <summary>Protocol override for create.</summary>
    public string? Protocol { get; init; }
    /// <summary>Definition overlay for create; allocations and session_data for submit/close.</summary>
    public DefinitionSpec Definition { get; init; } = DefinitionSpec.Empty;
    /// <summary>Submit intent.</summary>
    public string? Intent { get; init; }
    /// <summary>Submit version.</summary>
    public VersionSpec? Version { get; init; }
    /// <summary>Send intent/version even on 0.2.</summary>
    public bool SendAsWritten { get; init; }
    /// <summary>Transfer destination; push recipients for wait_push.</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    /// <summary>Transfer destination tag.</summary>
    public string? ToTag { get; init; }
    /// <summary>Transfer allocations (logical asset, amount).</summary>
    public IReadOnlyList<AllowanceSpec> TransferAllocations { get; init; } = [];
    /// <summary>Wallets that must not receive the push.</summary>
    public IReadOnlyList<string> NotTo { get; init; } = [];
    /// <summary>Push wait window.</summary>
    public int? WithinMs { get; init; }
    /// <summary>Field checks on a push payload.</summary>
    public IReadOnlyList<KeyValuePair<string, YNode>> Fields { get; init; } = [];
    /// <summary>RPC method for query/request; push method for wait_push.</summary>
    public string? Method { get; init; }
    /// <summary>Params tree for query/request.</summary>
    public YNode? Params { get; init; }
    /// <summary>Raw frame text.</summary>
    public string? Frame { get; init; }
    /// <summary>Connection choice for raw/reauth.</summary>
    public string? Connection { get; init; }
    /// <summary>Expected unified balances per wallet and asset.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Balances { get; init; }
    /// <summary>Expected shares per wallet and asset.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Shares { get; init; }
    /// <summary>Expected session state.</summary>
    public SessionStateSpec? SessionState { get; init; }
    /// <summary>Session key for auth (null = ephemeral clearnode key) or a revoke target reference.</summary>
    public SessionKeySpec? AuthSessionKey { get; init; }
    /// <summary>Auth without any session key.</summary>
    public bool AuthWithoutKey { get; init; }
    /// <summary>Revoke target (signer reference or literal address).</summary>
    public string? RevokeTarget { get; init; }
    /// <summary>Wallet signing the EIP-712 challenge.</summary>
    public string? AuthSigner { get; init; }
    /// <summary>auth_request address override.</summary>
    public string? AuthAddress { get; init; }
    /// <summary>Remember the registered key as <c>as.key</c>.</summary>
    public bool SaveKey { get; init; }
    /// <summary>Remember the JWT.</summary>
    public bool SaveJwt { get; init; }
    /// <summary>JWT for reauth (<c>saved</c> or literal).</summary>
    public string? Jwt { get; init; }

    /// <summary>Label for reports.</summary>
    public string Label => Name ?? (Method is null ? Do : $"{Do} {Method}");
}
