namespace NitroConformance.Conformance.Scenarios;

/// <summary>One step of a scenario: the keys every action allows. Each action has its own record (see <see cref="StepTable"/>).</summary>
public abstract record Step
{
    /// <summary>0-based position in the scenario.</summary>
    public int Index { get; init; }
    /// <summary>The <c>do:</c> word as written (query and request share a record).</summary>
    public string Action { get; init; } = "";
    /// <summary>Where the step starts in its file.</summary>
    public SourceMark Mark { get; init; }
    /// <summary>The <c>name:</c> shown in reports instead of the action.</summary>
    public string? Name { get; init; }
    /// <summary>Sending wallet (<c>as:</c>); null = the action's default.</summary>
    public string? As { get; init; }
    /// <summary>Signer references; null = the action's default.</summary>
    public IReadOnlyList<string>? Signers { get; init; }
    /// <summary>Protocols under which the step runs; null = all.</summary>
    public IReadOnlyList<string>? WhenProtocols { get; init; }
    /// <summary>Request timestamp offset from now in ms (0 = now, <c>stale</c> = two minutes back).</summary>
    public long TimestampOffsetMs { get; init; }
    /// <summary>Response timeout override (<c>timeout_ms:</c>).</summary>
    public int? TimeoutMs { get; init; }
    /// <summary>Expected outcome; plain success when the step has no <c>expect:</c>.</summary>
    public ExpectSpec Expect { get; init; } = ExpectSpec.Ok;
    /// <summary>How the request signature is formed (<c>signature:</c>); null = the SDK's form.</summary>
    public SignatureFormSpec? SignatureForm { get; init; }

    /// <summary>Label for reports: the name, else the action (with the method for steps that name one).</summary>
    public virtual string Label => Name ?? Action;

    /// <summary>Adds the cross-field problems of this action (wallet names, required keys) to <paramref name="refs"/>.</summary>
    internal virtual void CheckReferences(ScenarioReferences refs, string field)
    {
    }
}
