using System.Collections.Concurrent;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Tests;

/// <summary>Test scenario: records when each iteration really started relative to its intended time and optionally holds it.</summary>
internal sealed class CountingScenario(TimeSpan hold) : ILoadScenario
{
    public ConcurrentBag<(long Intended, long Started, bool Measured)> Starts { get; } = [];

    public string Name => "counting";
    public string HeadlineMetric => "work";
    public string SigningMode => "none";
    public IReadOnlyList<MetricDeclaration> Metrics { get; } = [MetricDeclaration.Latency("work")];

    public Task InitAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task RunIterationAsync(IterationContext ctx)
    {
        Starts.Add((ctx.IntendedTimestamp, RunClock.Now, ctx.Measured));
        if (hold > TimeSpan.Zero) await Task.Delay(hold, ctx.Token);
        ctx.Record("work", RunClock.Now);
    }

    public ScenarioExtras Extras() => ScenarioExtras.None;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
