using System.Collections.Concurrent;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Reports;
using NitroConformance.Conformance.Running;

namespace NitroConformance.Conformance.Suite;

/// <summary>The target, treasury and collected results shared by all cases of one test run.</summary>
public sealed class SuiteRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static SuiteRun? _current;
    private static Exception? _startFailure;

    private SuiteRun(RunSettings settings, Target target, Treasury treasury, KnownFailures knownFailures)
    {
        Settings = settings;
        Target = target;
        Treasury = treasury;
        KnownFailures = knownFailures;
        Runner = new CaseRunner(target, treasury, settings);
        Probes = new DestructiveProbes(target, settings);
    }

    /// <summary>The run's settings (target, strictness, timeouts, reports directory).</summary>
    public RunSettings Settings { get; }
    /// <summary>The node under test.</summary>
    public Target Target { get; }
    /// <summary>The funding wallet.</summary>
    public Treasury Treasury { get; }
    /// <summary>The target's known-failing list.</summary>
    public KnownFailures KnownFailures { get; }
    /// <summary>Runs one case end to end; shared by every case of the run.</summary>
    public CaseRunner Runner { get; }
    /// <summary>Runs destructive cases one at a time and watches the node.</summary>
    public DestructiveProbes Probes { get; }
    /// <summary>The cases run so far, each judged once.</summary>
    public ConcurrentBag<JudgedCase> Cases { get; } = [];
    /// <summary>When the run started.</summary>
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>Judges <paramref name="result"/> (strict mode, known-failing list) and keeps it for the reports.</summary>
    public JudgedCase Record(CaseResult result)
    {
        var judged = JudgedCase.Of(result, Settings.Strict, KnownFailures);
        Cases.Add(judged);
        return judged;
    }


    private int _othersInFlight;

    /// <summary>Runs a case that is not destructive, counted so destructive cases can wait for it.</summary>
    public async Task<CaseResult> RunOtherAsync(Scenarios.ScenarioCase scenarioCase, CancellationToken ct)
    {
        Interlocked.Increment(ref _othersInFlight);
        try
        {
            return await Runner.RunAsync(scenarioCase, ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _othersInFlight);
        }
    }

    /// <summary>
    /// Waits until no other case is running. Destructive cases are the last test cases NUnit dequeues (workers take them in
    /// order), so once every other case has been taken, none is running and none will start; the quiet period covers a
    /// worker between taking its case and starting it.
    /// </summary>
    public async Task WaitForOthersAsync(CancellationToken ct)
    {
        var quietSince = DateTimeOffset.UtcNow;
        while (true)
        {
            if (Volatile.Read(ref _othersInFlight) > 0) quietSince = DateTimeOffset.UtcNow;
            else if (DateTimeOffset.UtcNow - quietSince >= QuietPeriod) return;
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    /// <summary>The run, started on first use (the embedded node starts once per test run).</summary>
    public static async Task<SuiteRun> GetAsync(CancellationToken ct)
    {
        if (_current is not null) return _current;
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is not null) return _current;
            if (_startFailure is PreFlightFailedException failedCheck) throw failedCheck;
            if (_startFailure is not null) throw new InvalidOperationException($"The target could not be started: {_startFailure.Message}", _startFailure);
            var loaded = ScenarioCatalog.Current;
            var settings = loaded.Settings ?? throw new InvalidOperationException(loaded.Error);
            Target? target = null;
            try
            {
                target = await TargetFactory.CreateAsync(settings, null, ct).ConfigureAwait(false);
                var (treasury, preFlight) = await PreFlight.OpenTreasuryAsync(target, settings, ct).ConfigureAwait(false);
                NUnit.Framework.TestContext.Progress.WriteLine(preFlight.ToTable());
                _current = new SuiteRun(settings, target, treasury, KnownFailures.Load(settings.KnownFailingFile));
                return _current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _startFailure = ex;
                if (target is not null) await target.DisposeAsync().ConfigureAwait(false);
                if (ex is PreFlightFailedException) throw;
                throw new InvalidOperationException($"The target could not be started: {ex.Message}", ex);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Writes the reports and stops the target (called once at the end of the test run).</summary>
    public static async Task FinishAsync()
    {
        var run = _current;
        if (run is null) return;
        _current = null;
        try
        {
            var report = ReportSet.WriteAll(run.Settings, run.Target, run.Cases, ScenarioCatalog.Current.Rules,
                ScenarioCatalog.Current.Scenarios, run.Started, DateTimeOffset.UtcNow);
            NUnit.Framework.TestContext.Progress.WriteLine(report.SummaryLine() + $" ({run.Runner.PooledWallets} of them by pooled wallets)");
        }
        finally
        {
            await run.Treasury.DisposeAsync().ConfigureAwait(false);
            await run.Target.DisposeAsync().ConfigureAwait(false);
        }
    }
}
