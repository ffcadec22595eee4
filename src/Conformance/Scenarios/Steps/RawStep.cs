namespace NitroConformance.Conformance.Scenarios;

/// <summary>
/// <c>do: raw</c>: sends frame text as written, on a wallet's connection or an anonymous one; with <c>signers</c> their
/// signatures over the frame's req text (or <see cref="SignedReq"/>) replace <c>{req_sigs}</c>.
/// </summary>
public sealed record RawStep : Step
{
    /// <summary>The frame text (a template).</summary>
    public string? Frame { get; init; }
    /// <summary>The connection: a wallet, an extra connection (<c>alice#2</c>) or <c>anonymous</c>.</summary>
    public string? Connection { get; init; }
    /// <summary>With <c>expect: none</c>: how long the target must stay silent.</summary>
    public int? WithinMs { get; init; }
    /// <summary>The id the response must carry (a template); null leaves the id unchecked.</summary>
    public string? ResponseId { get; init; }
    /// <summary>With <c>signers</c>: the text they sign instead of the frame's req (a template; another spelling of it).</summary>
    public string? SignedReq { get; init; }

    /// <summary>The placeholder a signed frame puts where the <c>sig</c> array goes.</summary>
    public const string SignaturesPlaceholder = "{req_sigs}";

    internal static RawStep Bind(StepReader s) => new()
    {
        WithinMs = s.OptInt("within_ms"),
        Frame = s.OptStr("frame"),
        Connection = s.OptStr("connection"),
        ResponseId = s.OptStr("response_id"),
        SignedReq = s.OptStr("signed_req"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Connection is { } cn && cn != "anonymous") refs.Receiver(cn, Mark, $"{field}.connection");
        if (Frame is null) refs.Error(Mark, $"{field}.frame", "is required");
        if (ResponseId is not null && Expect.NoResponse) refs.Error(Mark, $"{field}.response_id", "needs a response (not expect: none)");
        var placed = Frame?.Contains(SignaturesPlaceholder, StringComparison.Ordinal) == true;
        if (Signers is not null && Frame is not null && !placed)
            refs.Error(Mark, $"{field}.frame", $"needs {SignaturesPlaceholder} where the signatures of signers go");
        if (Signers is null && placed) refs.Error(Mark, $"{field}.signers", $"are required by {SignaturesPlaceholder} in the frame");
        if (SignedReq is not null && Signers is null) refs.Error(Mark, $"{field}.signed_req", "needs signers");
    }
}
