namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: close</c>: close_app_session with the final allocations.</summary>
public sealed record CloseStep : Step
{
    /// <summary>The session it closes (default <c>main</c>).</summary>
    public string Session { get; init; } = "main";
    /// <summary>The final allocations (none given: an empty list).</summary>
    public IReadOnlyList<AllocationSpec>? Allocations { get; init; }
    /// <summary>The final session_data (null: not sent).</summary>
    public string? SessionData { get; init; }

    internal static CloseStep Bind(StepReader s) => new()
    {
        Session = s.OptStr("session") ?? "main",
        Allocations = s.Get("allocations") is { } an ? DefinitionBinder.Allocations(an, s.At("allocations"), s.R) : null,
        SessionData = s.OptStr("session_data"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field) => refs.Allocations(Allocations, Mark, field);
}
