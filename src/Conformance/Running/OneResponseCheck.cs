using NitroConformance.Conformance.Outcomes;
using NitroConformance.Protocol.Client;

namespace NitroConformance.Conformance.Running;

/// <summary>The end-of-case check every case runs: no request the case sent was answered twice on any of its connections
/// (rule <c>envelope.one-response-per-request</c>; the clients record each second answer as a <see cref="DuplicateResponseException"/>).</summary>
public static class OneResponseCheck
{
    /// <summary>The step label in results and reports.</summary>
    public const string Label = "one response per request";

    /// <summary>The rule the check enforces.</summary>
    public const string Rule = "envelope.one-response-per-request";

    /// <summary>Judges the case's connections; the result is step <paramref name="index"/> (after the funds invariant). The message
    /// names the first second answer with both frames; the exchanges hold every one.</summary>
    public static StepResult Run(CaseState state, int index)
    {
        var start = DateTimeOffset.UtcNow;
        var seen = state.OpenedConnections
            .SelectMany(c => c.Client.ProtocolViolations.OfType<DuplicateResponseException>().Select(d => (c.Owner, Duplicate: d)))
            .ToList();
        if (seen.Count == 0)
            return new StepResult(index, Label, null, Outcome.Ok, "no request of this case was answered twice", [], start, DateTimeOffset.UtcNow);

        var exchanges = seen.SelectMany(x => new[]
        {
            new Exchange($"{x.Owner}: first response to request id {x.Duplicate.RequestId} ({x.Duplicate.Method})", null, x.Duplicate.FirstResponse, start),
            new Exchange($"{x.Owner}: second response to request id {x.Duplicate.RequestId} ({x.Duplicate.Method})", null, x.Duplicate.Duplicate.Text, start),
        }).ToList();
        var (owner, first) = seen[0];
        var more = seen.Count > 1 ? $" (and {seen.Count - 1} more, each in this check's frames)" : "";
        return new StepResult(index, Label, null, Outcome.Failed, $"{Rule}: {owner}: {first.Message}{more}", exchanges, start, DateTimeOffset.UtcNow);
    }
}
