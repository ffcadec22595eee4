namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: resend</c>: the last request frame of the case again, byte for byte (replay).</summary>
public sealed record ResendStep : Step
{
    /// <summary>The connection it is resent on (default: the one that sent it).</summary>
    public string? Connection { get; init; }

    internal static ResendStep Bind(StepReader s)
    {
        // Only the last request frame of the case can be resent; the key exists to say so in the scenario.
        s.OneOf("frame", ["previous"], null, "only 'previous' (the last request frame of the case) can be resent");
        return new() { Connection = s.OptStr("connection") };
    }

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Connection is { } cn && cn != "anonymous") refs.Receiver(cn, Mark, $"{field}.connection");
    }
}
