namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: submit</c>: submit_app_state on a created session; the 0.4 form carries intent and version.</summary>
public sealed record SubmitStep : Step
{
    /// <summary>The session it updates (default <c>main</c>).</summary>
    public string Session { get; init; } = "main";
    /// <summary>The intent (0.4 default <c>operate</c>).</summary>
    public string? Intent { get; init; }
    /// <summary>The version (0.4 default: the remembered version + 1).</summary>
    public VersionSpec? Version { get; init; }
    /// <summary>Send intent and version as written even under 0.2.</summary>
    public bool SendAsWritten { get; init; }
    /// <summary>The new allocations (none given: an empty list).</summary>
    public IReadOnlyList<AllocationSpec>? Allocations { get; init; }
    /// <summary>The new session_data (null: not sent).</summary>
    public string? SessionData { get; init; }

    internal static SubmitStep Bind(StepReader s) => new()
    {
        Version = BindVersion(s),
        Session = s.OptStr("session") ?? "main",
        Intent = s.OptStr("intent"),
        SendAsWritten = s.Flag("send_as_written"),
        Allocations = s.Get("allocations") is { } an ? DefinitionBinder.Allocations(an, s.At("allocations"), s.R) : null,
        SessionData = s.OptStr("session_data"),
    };

    // Integer, current, current+N, current-N or none.
    private static VersionSpec? BindVersion(StepReader s)
    {
        if (s.Get("version") is not YScalar vs) return null;
        var version = VersionSpec.Parse(vs.Value);
        if (version is null) s.Error(vs, "version", $"'{vs.Value}' is not an integer, current, current+N, current-N or none");
        return version;
    }

    internal override void CheckReferences(ScenarioReferences refs, string field) => refs.Allocations(Allocations, Mark, field);
}
