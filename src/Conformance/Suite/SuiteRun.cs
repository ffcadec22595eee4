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

    /// <summary>The run, started on first use (the embedded node starts once per test run).</summary>
    public static async Task<SuiteRun> GetAsync(CancellationToken ct)
    {
        if (_current is not null) return _current;
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is not null) return _current;
            if (_startFailure is not null) throw new InvalidOperationException($"The target could not be started: {_startFailure.Message}", _startFailure);
            var loaded = ScenarioCatalog.Current;
            var settings = loaded.Settings ?? throw new InvalidOperationException(loaded.Error);
            Target? target = null;
            try
            {
                target = await TargetFactory.CreateAsync(settings, null, ct).ConfigureAwait(false);
                var treasury = await Treasury.OpenAsync(target, settings, ct).ConfigureAwait(false);
                _current = new SuiteRun(settings, target, treasury, KnownFailures.Load(settings.KnownFailingFile));
                return _current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _startFailure = ex;
                if (target is not null) await target.DisposeAsync().ConfigureAwait(false);
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
            ReportSet.WriteAll(run.Settings, run.Target, run.Cases, ScenarioCatalog.Current.Rules,
                ScenarioCatalog.Current.Scenarios, run.Started, DateTimeOffset.UtcNow);
        }
        finally
        {
            await run.Treasury.DisposeAsync().ConfigureAwait(false);
            await run.Target.DisposeAsync().ConfigureAwait(false);
        }
    }
}
