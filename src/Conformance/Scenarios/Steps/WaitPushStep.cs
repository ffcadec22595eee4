namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: wait_push</c>: a push with the expected fields must reach every <c>to</c> connection in time and no <c>not_to</c> one.</summary>
public sealed record WaitPushStep : Step
{
    /// <summary>The push method (asu, bu, tr, …).</summary>
    public string? Method { get; init; }
    /// <summary>Connections that must receive it.</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    /// <summary>Connections that must not receive it.</summary>
    public IReadOnlyList<string> NotTo { get; init; } = [];
    /// <summary>Wait window (default: the run's push timeout).</summary>
    public int? WithinMs { get; init; }
    /// <summary>Field checks on the push payload (path → expected value).</summary>
    public IReadOnlyList<KeyValuePair<string, YNode>> Fields { get; init; } = [];
    /// <summary>On the connection that sent the previous request step, the push must arrive before that step's response.</summary>
    public bool BeforeResponse { get; init; }

    /// <inheritdoc/>
    public override string Label => Name ?? $"{Action} {Method}";

    internal static WaitPushStep Bind(StepReader s) => new()
    {
        To = s.OneOrMany("to"),
        NotTo = s.List("not_to"),
        WithinMs = s.OptInt("within_ms"),
        Fields = s.Get("fields") is { } fl ? s.R.FieldMap(fl, s.At("fields")) : [],
        Method = s.OptStr("method"),
        BeforeResponse = s.Flag("before_response"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        foreach (var t in To) refs.Receiver(t, Mark, $"{field}.to");
        foreach (var t in NotTo) refs.Receiver(t, Mark, $"{field}.not_to");
        if (Method is null) refs.Error(Mark, $"{field}.method", "is required (asu, bu, tr, ...)");
        if (To.Count == 0 && NotTo.Count == 0) refs.Error(Mark, field, "needs to and/or not_to");
        if (BeforeResponse && To.Count == 0) refs.Error(Mark, $"{field}.before_response", "needs to: the requester's connection");
    }
}
