using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Compares a step's response with its <c>expect:</c> (success with fields, or a rejection classified by error text).</summary>
public static class ExpectationJudge
{
    /// <summary>The outcome of <paramref name="r"/> for <paramref name="step"/>; <paramref name="onSuccess"/> updates the model on success and may return a problem.</summary>
    public static (Outcome, string) Judge(CaseState state, Step step, RpcOutcome r, Func<RpcOutcome, string?>? onSuccess)
    {
        var e = step.Expect;
        if (e.Success)
        {
            if (!r.Succeeded) return (Outcome.Failed, $"expected success but was rejected: \"{r.Error}\"");
            var problems = new List<string>();
            foreach (var (path, node) in e.Fields)
            {
                var expected = JsonMatch.ToJson(node, state);
                if (!JsonMatch.TryGet(r.Response.Params, path, out var actual)) problems.Add($"result has no {path} (expected {JsonMatch.Show(expected)})");
                else if (!JsonMatch.Equal(expected, actual)) problems.Add($"{path} is {JsonMatch.Show(actual)}, expected {JsonMatch.Show(expected)}");
            }
            if (onSuccess?.Invoke(r) is { } extra) problems.Add(extra);
            return problems.Count == 0 ? (Outcome.Ok, $"{r.Response.Method} as expected") : (Outcome.Failed, string.Join("; ", problems));
        }
        // A rejection was expected; an unexpected success still updates the model so later steps see the node's real state.
        if (r.Succeeded) onSuccess?.Invoke(r);
        var exact = e.Error is null ? null : state.Render(e.Error);
        return RejectionClassifier.Classify(exact, e.Pattern, r.Error);
    }
}
