using System.Diagnostics;
using NitroConformance.Load.Calibration;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Thresholds;
using NitroConformance.Load.Workloads;
using Spectre.Console;

namespace NitroConformance.Load.Cli;

/// <summary>What <c>run</c> and <c>capacity</c> share: the bound workload, the target, the scenario checked against its thresholds and initialised.</summary>
public sealed class RunSetup : IAsyncDisposable
{
    private readonly IAsyncDisposable? _echo;
    private readonly LoadTarget? _target;

    private RunSetup(IAsyncDisposable? echo, LoadTarget? target, ILoadScenario scenario, string targetText, TimeSpan setupTime)
    {
        _echo = echo;
        _target = target;
        Scenario = scenario;
        TargetText = targetText;
        SetupTime = setupTime;
    }

    /// <summary>The initialised scenario.</summary>
    public ILoadScenario Scenario { get; }

    /// <summary>Target description for reports.</summary>
    public string TargetText { get; }

    /// <summary>How long connecting, authenticating and creating sessions took.</summary>
    public TimeSpan SetupTime { get; }

    /// <summary>
    /// Binds the params (strict), starts the target, builds the scenario, refuses thresholds on undeclared metrics
    /// (<paramref name="extraStats"/> are statistics the caller provides, e.g. capacity), then initialises the scenario.
    /// </summary>
    public static async Task<RunSetup> StartAsync(LoadProfile profile, IAnsiConsole console, CancellationToken ct, params string[] extraStats)
    {
        var workload = ScenarioFactory.Prepare(profile);
        var echo = profile.Scenario == "echo" && profile.Target == "embedded" ? await LoopbackEchoServer.StartAsync(ct: ct).ConfigureAwait(false) : null;
        LoadTarget? target = null;
        ILoadScenario? scenario = null;
        try
        {
            target = echo is null ? await LoadTarget.ResolveAsync(profile.Target, workload.Balances, ct).ConfigureAwait(false) : null;
            var url = echo?.Url ?? target!.Url;
            var targetText = echo is not null ? $"embedded echo server ({echo.Url})" : target!.Description;
            scenario = workload.Create(url);
            ThresholdSet.CheckKnown(profile.Thresholds, LoadEngine.DeclaredMetrics(scenario), extraStats);
            if (!profile.Quiet) console.MarkupLine($"[bold]{Markup.Escape(profile.Scenario)}[/] against {Markup.Escape(targetText)}");
            var setup = Stopwatch.StartNew();
            await scenario.InitAsync(ct).ConfigureAwait(false);
            if (!profile.Quiet) console.MarkupLine($"set up in {setup.Elapsed.TotalSeconds:0.0}s");
            // Connection scale: how the ramp went (a refused login ends it) is worth seeing before the load starts.
            if (scenario.Extras().Notes.TryGetValue(HeldConnections.Note, out var held)) console.MarkupLine(Markup.Escape(held));
            return new RunSetup(echo, target, scenario, targetText, setup.Elapsed);
        }
        catch
        {
            if (scenario is not null) await scenario.DisposeAsync().ConfigureAwait(false);
            if (target is not null) await target.DisposeAsync().ConfigureAwait(false);
            if (echo is not null) await echo.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync().ConfigureAwait(false);
        if (_target is not null) await _target.DisposeAsync().ConfigureAwait(false);
        if (_echo is not null) await _echo.DisposeAsync().ConfigureAwait(false);
    }
}
