using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Fixtures.Defects;

namespace NitroConformance.Conformance.SelfProof;

/// <summary>The cases that caught one seeded defect (failed against a node started with it).</summary>
public sealed record DefectRun(SeededDefect Defect, IReadOnlyList<CaseResult> Catching, int CasesRun, TimeSpan Duration)
{
    /// <summary>Starts an embedded node with <paramref name="defect"/>, runs the relevant cases (all cases if those catch nothing) and collects the failures.</summary>
    public static async Task<DefectRun> RunAsync(SeededDefect defect, RunSettings settings, IReadOnlyList<ScenarioCase> cases, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var embedded = settings with { TargetUrl = null, Sweep = false, Strict = true, TargetName = "reference" };
        await using var target = await TargetFactory.CreateAsync(embedded, new HashSet<DefectId> { defect.Id }, ct).ConfigureAwait(false);
        await using var treasury = await Treasury.OpenAsync(target, embedded, ct).ConfigureAwait(false);
        var runner = new CaseRunner(target, treasury, embedded);

        var relevant = cases.Where(c => DefectSelection.IsRelevant(defect, c.Scenario)).ToList();
        var catching = await RunAllAsync(runner, relevant, embedded.Parallelism, ct).ConfigureAwait(false);
        var run = relevant.Count;
        if (catching.Count == 0)
        {
            var rest = cases.Except(relevant).ToList();
            catching = await RunAllAsync(runner, rest, embedded.Parallelism, ct).ConfigureAwait(false);
            run += rest.Count;
        }
        return new DefectRun(defect, catching, run, DateTimeOffset.UtcNow - started);
    }

    private static async Task<List<CaseResult>> RunAllAsync(CaseRunner runner, IReadOnlyList<ScenarioCase> cases, int parallelism, CancellationToken ct)
    {
        var caught = new List<CaseResult>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (c, token) =>
        {
            var r = await runner.RunAsync(c, token).ConfigureAwait(false);
            // Info cases never gate, so they do not count as catching a defect either.
            if (c.Scenario.Level != ScenarioLevel.Info && r.Effective(strict: true) == Outcome.Failed)
                lock (caught) caught.Add(r);
        }).ConfigureAwait(false);
        return caught.OrderBy(r => r.Case.Name, StringComparer.Ordinal).ToList();
    }
}
