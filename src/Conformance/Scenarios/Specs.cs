namespace NitroConformance.Conformance.Scenarios;

/// <summary>A named test wallet: the funds it needs and how it connects.</summary>
public sealed record WalletSpec(string Name, IReadOnlyDictionary<string, decimal> Funds, SessionKeySpec? SessionKey, bool Connect, bool Auth, int Connections = 1);

/// <summary>How a step's request signatures are formed (the <c>signature:</c> step key); null members keep the normal form.</summary>
/// <param name="V">"27/28" (default) or "0/1": the recovery byte encoding.</param>
/// <param name="Scheme">"raw" (keccak256 of the req bytes, default) or "eip191" (personal_sign prefix).</param>
/// <param name="SignedText">Which spelling of the req array is signed: "as_sent" (default), "compact" or "spaced".</param>
/// <param name="SentText">Which spelling of the req array is sent: "compact" (default) or "spaced".</param>
public sealed record SignatureFormSpec(string V, string Scheme, string SignedText, string SentText);

/// <summary>A session key to register at authentication.</summary>
/// <param name="ExpiresAt">An absolute expires_at (Unix seconds, the full unsigned 64-bit range) instead of now + <paramref name="ExpiresIn"/>.</param>
public sealed record SessionKeySpec(string Application, IReadOnlyList<AllowanceSpec> Allowances, long ExpiresIn, string? Scope, ulong? ExpiresAt = null);

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
    /// <summary>True for <c>expect: none</c>: the target must not answer at all (raw steps only).</summary>
    public bool NoResponse { get; init; }

    /// <summary>No response within the absence window.</summary>
    public static ExpectSpec None { get; } = new(false, [], null, null, false) { NoResponse = true };

    /// <summary>Plain success with no field checks.</summary>
    public static ExpectSpec Ok { get; } = new(true, [], null, null, false);
}

/// <summary>The <c>session_state</c> keys of a <c>check</c> step.</summary>
public sealed record SessionStateSpec(string? Status, string? Version, string? SessionData);
