using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Makes sure pushes seen after a step's request are the ones that request caused.</summary>
public static class PushSettling
{
    private const int QuietMs = 40, MaxMs = 400;

    /// <summary>Run before a step sends: lets late pushes of earlier steps arrive when a later wait_push checks absence, then forgets all collected pushes.</summary>
    public static async Task BeforeSendAsync(CaseState state, Step step, CancellationToken ct)
    {
        await SettleIfNeededAsync(state, step, ct).ConfigureAwait(false);
        foreach (var c in state.Connections.Values) c.ResetPushes();
    }

    /// <summary>Before a request whose pushes a later wait_push checks for absence (<c>not_to</c>), lets pushes of earlier
    /// steps that are still in flight to other connections arrive, so they are discarded rather than credited to this step.</summary>
    private static async Task SettleIfNeededAsync(CaseState state, Step step, CancellationToken ct)
    {
        if (!AbsenceCheckFollows(state.Case.Scenario.Steps, step.Index)) return;
        var start = DateTimeOffset.UtcNow;
        var last = start;
        while (true)
        {
            var drained = 0;
            foreach (var c in state.Connections.Values) drained += c.DrainPushes();
            var now = DateTimeOffset.UtcNow;
            if (drained > 0) last = now;
            if ((now - last).TotalMilliseconds >= QuietMs || (now - start).TotalMilliseconds >= MaxMs) return;
            await Task.Delay(10, ct).ConfigureAwait(false);
        }
    }

    // True when the steps right after this one (past steps that cause no pushes: checks and other waits) include a wait_push with not_to.
    private static bool AbsenceCheckFollows(IReadOnlyList<Step> steps, int index)
    {
        for (var i = index + 1; i < steps.Count; i++)
        {
            if (steps[i] is WaitPushStep { NotTo.Count: > 0 }) return true;
            if (!StepTable.Of(steps[i].Action).CausesNoPushes) break;
        }
        return false;
    }
}
