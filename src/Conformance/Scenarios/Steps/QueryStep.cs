namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: query</c> / <c>do: request</c>: any method with the step's params, signed by its signers or unsigned.</summary>
public sealed record QueryStep : Step
{
    /// <summary>The RPC method (a template).</summary>
    public string? Method { get; init; }
    /// <summary>The params tree (rendered before sending); null = <c>{}</c>.</summary>
    public YNode? Params { get; init; }
    /// <summary>Result fields to keep for later steps: name → dotted path (read as <c>{saved:name}</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, YNode>> Save { get; init; } = [];

    /// <inheritdoc/>
    public override string Label => Name ?? $"{Action} {Method}";

    internal static QueryStep Bind(StepReader s) => new()
    {
        Method = s.OptStr("method"),
        Params = s.Get("params"),
        Save = s.Get("save") is { } sv ? s.R.FieldMap(sv, s.At("save")) : [],
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Method is null) refs.Error(Mark, $"{field}.method", "is required");
        CheckSaves(Save, refs, field);
    }

    /// <summary>Each <c>save:</c> entry needs a lowercase name and a non-empty result path.</summary>
    internal static void CheckSaves(IReadOnlyList<KeyValuePair<string, YNode>> save, ScenarioReferences refs, string field)
    {
        foreach (var (name, path) in save)
        {
            if (!NamePatterns.WalletName().IsMatch(name)) refs.Error(path.Mark, $"{field}.save.{name}", "must be a name of lowercase letters, digits and _");
            if (path is not YScalar { Value.Length: > 0 }) refs.Error(path.Mark, $"{field}.save.{name}", "must be a result field path");
        }
    }
}
