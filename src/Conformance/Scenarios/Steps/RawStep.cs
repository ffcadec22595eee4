namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: raw</c>: sends frame text as written, on a wallet's connection or an anonymous one.</summary>
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

    internal static RawStep Bind(StepReader s) => new()
    {
        WithinMs = s.OptInt("within_ms"),
        Frame = s.OptStr("frame"),
        Connection = s.OptStr("connection"),
        ResponseId = s.OptStr("response_id"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Connection is { } cn && cn != "anonymous") refs.Receiver(cn, Mark, $"{field}.connection");
        if (Frame is null) refs.Error(Mark, $"{field}.frame", "is required");
        if (ResponseId is not null && Expect.NoResponse) refs.Error(Mark, $"{field}.response_id", "needs a response (not expect: none)");
    }
}
