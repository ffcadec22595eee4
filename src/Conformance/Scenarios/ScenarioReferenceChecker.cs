namespace NitroConformance.Conformance.Scenarios;

/// <summary>Cross-field checks: wallet names, signer references, weights vs participants; each step adds those of its action.</summary>
internal static class ScenarioReferenceChecker
{
    /// <summary>Adds every reference problem of <paramref name="s"/> to <paramref name="errors"/>.</summary>
    public static void Check(Scenario s, IReadOnlySet<string> wallets, List<ScenarioError> errors)
    {
        var refs = new ScenarioReferences(s, wallets, errors);
        refs.Definition(s.Session, s.Mark, "session");
        foreach (var step in s.Steps)
        {
            var f = $"steps[{step.Index}]({step.Action})";
            var kind = StepTable.Of(step.Action);
            refs.Wallet(step.As, step.Mark, $"{f}.as", allowLiteral: false);
            foreach (var signer in step.Signers ?? []) refs.Signer(signer, step.Mark, $"{f}.signers");
            if (step.Expect.NoResponse && !kind.MayExpectSilence)
                refs.Error(step.Mark, $"{f}.expect", $"expect: none (no response at all) is only for {StepTable.Actions(k => k.MayExpectSilence)} steps");
            if (step.SignatureForm is not null && !kind.SignsOverReq)
                refs.Error(step.Mark, $"{f}.signature", $"a {step.Action} step sends no request signed over req (signature: applies to {StepTable.Actions(k => k.SignsOverReq)})");
            step.CheckReferences(refs, f);
        }
        var def = s.Session;
        if (def.Participants is not null && def.Weights is not null && def.Participants.Count != def.Weights.Count)
            refs.Error(s.Mark, "session.weights", $"{def.Weights.Count} weights for {def.Participants.Count} participants");
    }
}
