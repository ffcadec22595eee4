using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Runs a list of cases in process as the NUnit suite does: the others in parallel, destructive ones as <see cref="RunSettings.Destructive"/> says.</summary>
public static class SuiteExecution
{
    /// <summary>Every case's result, in the order the cases finished.</summary>
    public static async Task<IReadOnlyList<CaseResult>> RunAsync(CaseRunner runner, DestructiveProbes probes, IReadOnlyList<ScenarioCase> cases,
        RunSettings settings, CancellationToken ct)
    {
        var results = new List<CaseResult>();
        var (apart, together) = Split(cases, settings.Destructive);
        await Parallel.ForEachAsync(together, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct }, async (c, token) =>
        {
            var r = c.Scenario.Destructive
                ? await probes.RunAsync(runner, c, token).ConfigureAwait(false)
                : await runner.RunAsync(c, token).ConfigureAwait(false);
            lock (results) results.Add(r);
        }).ConfigureAwait(false);
        foreach (var c in apart)
            results.Add(settings.Destructive == DestructiveMode.Skip ? SkippedByMode(c, runner.TargetName) : await probes.RunAsync(runner, c, ct).ConfigureAwait(false));
        return results;
    }

    /// <summary>Destructive cases that run after the others (or not at all), and the cases that run together.</summary>
    public static (IReadOnlyList<ScenarioCase> Apart, IReadOnlyList<ScenarioCase> Together) Split(IEnumerable<ScenarioCase> cases, DestructiveMode mode)
    {
        var list = cases.ToList();
        if (mode == DestructiveMode.Inline) return ([], list);
        return (list.Where(c => c.Scenario.Destructive).ToList(), list.Where(c => !c.Scenario.Destructive).ToList());
    }

    /// <summary>The result of a destructive case left out by <c>NITRO_RUN__DESTRUCTIVE=skip</c>.</summary>
    public static CaseResult SkippedByMode(ScenarioCase scenarioCase, string target)
    {
        var now = DateTimeOffset.UtcNow;
        return new CaseResult(scenarioCase, Outcome.Skipped, "not run: destructive case (NITRO_RUN__DESTRUCTIVE=skip)", [], now, now, target);
    }
}
