using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Reports;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Suite;

/// <summary>The whole suite run in process as a user runs it (target, treasury, cases, reports); what the self-proof runs drive.</summary>
public static class InProcessRun
{
    /// <summary>Runs <paramref name="cases"/> against the target of <paramref name="settings"/> and writes the reports into its reports directory.</summary>
    public static async Task<ConformanceReport> RunAsync(RunSettings settings, IReadOnlyList<ScenarioCase> cases, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        await using var target = await TargetFactory.CreateAsync(settings, null, ct).ConfigureAwait(false);
        IReadOnlyList<CaseResult> results;
        var (opened, _) = await PreFlight.OpenTreasuryAsync(target, settings, ct).ConfigureAwait(false);
        await using (var treasury = opened)
        {
            var runner = new CaseRunner(target, treasury, settings);
            results = await SuiteExecution.RunAsync(runner, new DestructiveProbes(target, settings), cases, settings, ct).ConfigureAwait(false);
        }
        var loaded = ScenarioCatalog.Current;
        var known = KnownFailures.Load(settings.KnownFailingFile);
        return ReportSet.WriteAll(settings, target, results.Select(r => JudgedCase.Of(r, settings.Strict, known)), loaded.Rules, loaded.Scenarios,
            started, DateTimeOffset.UtcNow);
    }

    /// <summary><paramref name="settings"/> pointed at a node already listening on <paramref name="url"/> whose treasury is
    /// <see cref="TargetFactory.EmbeddedTreasuryKey"/>: the suite treats it as a real node (sweeps, non-strict).</summary>
    public static RunSettings AgainstRunningNode(RunSettings settings, Uri url, string name, string? knownFailingFile) => settings with
    {
        TargetUrl = url.ToString(),
        TargetName = name,
        TreasuryKey = TargetFactory.EmbeddedTreasuryKey.PrivateKeyHex,
        Strict = false,
        Sweep = true,
        KnownFailingFile = knownFailingFile,
        // As many cases at once as the NUnit run a user starts (AssemblyInfo's LevelOfParallelism): the wallet pool, and
        // so the auth_request count, grows with concurrency.
        Parallelism = 6,
    };
}
