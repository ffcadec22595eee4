using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Runs destructive cases one at a time and pings the node after each: a node that stops answering makes that
/// case CRASHED and every later destructive case "not run: node down", so a crash never shows up as collateral failures.</summary>
public sealed class DestructiveProbes(Target target, RunSettings settings)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    // The case after which the node stopped answering, or null while it answers.
    private volatile string? _killedBy;

    /// <summary>Runs <paramref name="scenarioCase"/> with <paramref name="runner"/> unless the node is already down, then checks the node.</summary>
    public async Task<CaseResult> RunAsync(CaseRunner runner, ScenarioCase scenarioCase, CancellationToken ct)
    {
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_killedBy is { } culprit)
            {
                var now = DateTimeOffset.UtcNow;
                return new CaseResult(scenarioCase, Outcome.Skipped, $"not run: node down (it stopped answering after {culprit})", [], now, now, target.Name);
            }
            var result = await runner.RunAsync(scenarioCase, ct).ConfigureAwait(false);
            var down = await NodePing.FailureAsync(target.Url, settings, ct).ConfigureAwait(false);
            if (down is null) return result;
            _killedBy = scenarioCase.Name;
            var crash = CrashReport.From(result.FrameTail, down);
            return result with
            {
                Outcome = Outcome.Crashed,
                Message = $"the node stopped answering after this case ({down}); crashing frame: {crash.Frame}",
                Crash = crash,
            };
        }
        finally
        {
            _turn.Release();
        }
    }
}
