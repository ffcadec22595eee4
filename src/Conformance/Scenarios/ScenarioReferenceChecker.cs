namespace NitroConformance.Conformance.Scenarios;

/// <summary>Cross-field checks: wallet names, signer references, weights vs participants.</summary>
internal static class ScenarioReferenceChecker
{
    public static void Check(Scenario s, IReadOnlySet<string> wallets, List<ScenarioError> errors)
    {
        var keyed = s.Wallets.Where(w => w.SessionKey is not null).Select(w => w.Name).ToHashSet();
        keyed.UnionWith(s.Steps.Where(st => st.Do == "auth" && st.SaveKey).Select(st => st.As ?? s.Wallets[0].Name));

        void Wallet(string? name, SourceMark mark, string field, bool allowLiteral = true)
        {
            if (name is null) return;
            if (allowLiteral && (name.StartsWith("0x", StringComparison.Ordinal) || name.Contains('{', StringComparison.Ordinal))) return;
            if (!wallets.Contains(name))
                errors.Add(new(mark, field, $"unknown wallet '{name}' (declared: {string.Join(", ", wallets)})"));
        }

        void Definition(DefinitionSpec d, SourceMark mark, string field)
        {
            foreach (var p in d.Participants ?? []) Wallet(p, mark, $"{field}.participants");
            foreach (var a in d.Allocations ?? []) Wallet(a.Participant, mark, $"{field}.allocations.participant");
        }

        Definition(s.Session, s.Mark, "session");
        var sessionDef = s.Session;
        foreach (var step in s.Steps)
        {
            var f = $"steps[{step.Index}]({step.Do})";
            Wallet(step.As, step.Mark, $"{f}.as", allowLiteral: false);
            foreach (var signer in step.Signers ?? [])
            {
                var name = signer.EndsWith(".key", StringComparison.Ordinal) ? signer[..^4] : signer;
                Wallet(name, step.Mark, $"{f}.signers", allowLiteral: false);
                if (signer.EndsWith(".key", StringComparison.Ordinal) && wallets.Contains(name) && !keyed.Contains(name))
                    errors.Add(new(step.Mark, $"{f}.signers", $"'{signer}' needs wallets.{name}.session_key or an auth step with save_key"));
            }
            Definition(step.Definition, step.Mark, f);
            if (step.Do is "transfer") foreach (var t in step.To) Wallet(t, step.Mark, $"{f}.to");
            if (step.Do is "wait_push")
            {
                foreach (var t in step.To) Wallet(t, step.Mark, $"{f}.to", allowLiteral: false);
                foreach (var t in step.NotTo) Wallet(t, step.Mark, $"{f}.not_to", allowLiteral: false);
                if (step.Method is null) errors.Add(new(step.Mark, $"{f}.method", "is required (asu, bu, tr, ...)"));
                if (step.To.Count == 0 && step.NotTo.Count == 0) errors.Add(new(step.Mark, f, "needs to and/or not_to"));
            }
            if (step.Do is "query" or "request" && step.Method is null) errors.Add(new(step.Mark, $"{f}.method", "is required"));
            if (step.Do is "raw" && step.Frame is null) errors.Add(new(step.Mark, $"{f}.frame", "is required"));
            if (step.Do is "revoke" && step.RevokeTarget is null) errors.Add(new(step.Mark, $"{f}.session_key", "is required"));
            if (step.Do is "check" && step.Balances is null && step.Shares is null && step.SessionState is null)
                errors.Add(new(step.Mark, f, "needs balances, shares or session_state"));
            if (step.Do is "transfer" && step.To.Count == 0 && step.ToTag is null) errors.Add(new(step.Mark, $"{f}.to", "is required"));
            if (step.Do is "auth") Wallet(step.AuthSigner, step.Mark, $"{f}.signer", allowLiteral: false);
            foreach (var w in step.Balances?.Keys ?? []) Wallet(w, step.Mark, $"{f}.balances", allowLiteral: false);
            foreach (var w in step.Shares?.Keys ?? []) Wallet(w, step.Mark, $"{f}.shares", allowLiteral: false);
            if (step.Do == "create")
            {
                var d = sessionDef.With(step.Definition);
                if (d.Participants is null) errors.Add(new(step.Mark, f, "no participants: give session.participants or participants on the step"));
                if (d.Weights is null) errors.Add(new(step.Mark, f, "no weights: give session.weights or weights on the step"));
                if (d.Quorum is null) errors.Add(new(step.Mark, f, "no quorum: give session.quorum or quorum on the step"));
            }
        }
        var def = s.Session;
        if (def.Participants is not null && def.Weights is not null && def.Participants.Count != def.Weights.Count)
            errors.Add(new(s.Mark, "session.weights", $"{def.Weights.Count} weights for {def.Participants.Count} participants"));
    }
}
