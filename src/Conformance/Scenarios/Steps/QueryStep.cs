namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: query</c> / <c>do: request</c>: any method with the step's params, signed by its signers or unsigned.</summary>
public sealed record QueryStep : Step
{
    /// <summary>The RPC method (a template).</summary>
    public string? Method { get; init; }
    /// <summary>The params tree (rendered before sending); null = <c>{}</c>.</summary>
    public YNode? Params { get; init; }

    /// <inheritdoc/>
    public override string Label => Name ?? $"{Action} {Method}";

    internal static QueryStep Bind(StepReader s) => new()
    {
        Method = s.OptStr("method"),
        Params = s.Get("params"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Method is null) refs.Error(Mark, $"{field}.method", "is required");
    }
}
