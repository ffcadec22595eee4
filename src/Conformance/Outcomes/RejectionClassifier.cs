using System.Text.RegularExpressions;

namespace NitroConformance.Conformance.Outcomes;

/// <summary>Classifies a target's answer to a step that must be rejected (docs/scenario-format.md §5).</summary>
public static class RejectionClassifier
{
    /// <summary>
    /// OK for the exact text; NON-STRICT when the text differs but matches <paramref name="pattern"/> (any text when there is no pattern);
    /// FAILED when it does not match the pattern or the request succeeded (<paramref name="actualError"/> null).
    /// </summary>
    public static (Outcome Outcome, string Message) Classify(string? expectedExact, string? pattern, string? actualError)
    {
        if (actualError is null)
            return (Outcome.Failed, expectedExact is null
                ? $"expected a rejection matching /{pattern}/ but the request succeeded"
                : $"expected rejection \"{expectedExact}\" but the request succeeded");
        if (expectedExact is not null && actualError == expectedExact)
            return (Outcome.Ok, $"rejected with \"{actualError}\"");
        if (pattern is not null && !Regex.IsMatch(actualError, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            return (Outcome.Failed, $"rejected with \"{actualError}\", which does not match /{pattern}/" +
                (expectedExact is null ? "" : $" (expected \"{expectedExact}\")"));
        if (expectedExact is null)
            return (Outcome.Ok, $"rejected with \"{actualError}\" (matches /{pattern}/)");
        return (Outcome.NonStrict, $"rejected with \"{actualError}\" instead of \"{expectedExact}\"");
    }

    /// <summary>The outcome a case finally counts as: NON-STRICT becomes FAILED in strict mode.</summary>
    public static Outcome Effective(Outcome outcome, bool strict) => strict && outcome == Outcome.NonStrict ? Outcome.Failed : outcome;
}
