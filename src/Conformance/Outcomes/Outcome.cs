namespace NitroConformance.Conformance.Outcomes;

/// <summary>Outcome class of a case or step (as in Autobahn's test suite), declared from best to worst so that a case
/// takes the greatest outcome of its steps. Reports list them in their own order (OK, NON-STRICT, FAILED, …).</summary>
public enum Outcome
{
    /// <summary>Behaved exactly as specified.</summary>
    Ok,
    /// <summary>Not run (not enough funds, filtered, step not applicable).</summary>
    Skipped,
    /// <summary>Rejected as required but with another error text; fails only in strict mode.</summary>
    NonStrict,
    /// <summary>The target lacks an optional feature the case needs.</summary>
    Unimplemented,
    /// <summary>Wrong behaviour.</summary>
    Failed,
    /// <summary>The node stopped answering after the case (a destructive probe killed it): worse than FAILED.</summary>
    Crashed,
}

/// <summary>Report names and ordering of <see cref="Outcome"/>.</summary>
public static class OutcomeNames
{
    /// <summary>The upper-case name used in reports (OK, NON-STRICT, FAILED, UNIMPLEMENTED, SKIPPED).</summary>
    public static string Label(this Outcome o) => o switch
    {
        Outcome.Ok => "OK",
        Outcome.NonStrict => "NON-STRICT",
        Outcome.Unimplemented => "UNIMPLEMENTED",
        Outcome.Skipped => "SKIPPED",
        Outcome.Crashed => "CRASHED",
        _ => "FAILED",
    };

    /// <summary>The worse of two step outcomes (CRASHED &gt; FAILED &gt; UNIMPLEMENTED &gt; NON-STRICT &gt; SKIPPED &gt; OK).</summary>
    public static Outcome Worst(Outcome a, Outcome b) => a >= b ? a : b;
}
