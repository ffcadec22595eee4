namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: create</c>: create_app_session from the scenario's <c>session:</c> with this step's definition keys laid over it.</summary>
public sealed record CreateStep : Step
{
    /// <summary>Definition keys given on the step (null members keep the scenario's).</summary>
    public DefinitionSpec Definition { get; init; } = DefinitionSpec.Empty;
    /// <summary>Name under which the created session is remembered (default <c>main</c>).</summary>
    public string? SaveAs { get; init; }
    /// <summary>The definition's protocol instead of the case's (a template).</summary>
    public string? Protocol { get; init; }

    internal static CreateStep Bind(StepReader s) => new()
    {
        Definition = DefinitionBinder.Bind(s.Map, s.Field, s.R, null),
        SaveAs = s.OptStr("save_as"),
        Protocol = s.OptStr("protocol"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        refs.Definition(Definition, Mark, field);
        var d = refs.Scenario.Session.With(Definition);
        if (d.Participants is null) refs.Error(Mark, field, "no participants: give session.participants or participants on the step");
        if (d.Weights is null) refs.Error(Mark, field, "no weights: give session.weights or weights on the step");
        if (d.Quorum is null) refs.Error(Mark, field, "no quorum: give session.quorum or quorum on the step");
    }
}
