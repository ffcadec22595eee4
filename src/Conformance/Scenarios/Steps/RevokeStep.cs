namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: revoke</c>: revoke_session_key for a saved key reference or a literal address.</summary>
public sealed record RevokeStep : Step
{
    /// <summary>The key to revoke: a signer reference (<c>alice.key</c>), an address or a template.</summary>
    public string? Target { get; init; }

    internal static RevokeStep Bind(StepReader s) => new()
    {
        Target = s.OptStr("session_key"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Target is null) refs.Error(Mark, $"{field}.session_key", "is required");
        else if (!ScenarioReferences.IsLiteral(Target)) refs.Signer(Target, Mark, $"{field}.session_key");
    }
}
