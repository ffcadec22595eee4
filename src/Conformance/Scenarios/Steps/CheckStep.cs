namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: check</c>: unified balances, session shares and a session's listed state compared with the scenario's numbers.</summary>
public sealed record CheckStep : Step
{
    /// <summary>Expected unified balances per wallet and logical asset.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Balances { get; init; }
    /// <summary>Expected shares in <see cref="Session"/> per wallet and logical asset.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Shares { get; init; }
    /// <summary>Expected state of <see cref="Session"/> as get_app_sessions lists it.</summary>
    public SessionStateSpec? SessionState { get; init; }
    /// <summary>The session that shares and session_state refer to (default <c>main</c>).</summary>
    public string Session { get; init; } = "main";

    internal static CheckStep Bind(StepReader s) => new()
    {
        Session = s.OptStr("session") ?? "main",
        Balances = s.Get("balances") is { } bn ? s.R.NestedAmounts(bn, s.At("balances")) : null,
        Shares = s.Get("shares") is { } shn ? s.R.NestedAmounts(shn, s.At("shares")) : null,
        SessionState = s.Get("session_state") is { } ssn ? SessionStateBinder.Bind(ssn, s.At("session_state"), s.R) : null,
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        if (Balances is null && Shares is null && SessionState is null) refs.Error(Mark, field, "needs balances, shares or session_state");
        foreach (var w in Balances?.Keys ?? []) refs.Wallet(w, Mark, $"{field}.balances", allowLiteral: false);
        foreach (var w in Shares?.Keys ?? []) refs.Wallet(w, Mark, $"{field}.shares", allowLiteral: false);
    }
}
