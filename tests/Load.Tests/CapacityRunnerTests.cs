using NitroConformance.Load.Capacity;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Tests;

public class CapacityRunnerTests
{
    /// <summary>A fake target: one server that needs 4 ms per request (250/s), queueing what arrives faster; latency runs from the intended time.</summary>
    private sealed class QueueTarget : ILoadScenario
    {
        private static readonly long Service = System.Diagnostics.Stopwatch.Frequency / 250;
        private readonly Lock _gate = new();
        private long _busyUntil;

        public string Name => "queue";
        public string HeadlineMetric => "work";
        public string SigningMode => "none";
        public IReadOnlyList<MetricDeclaration> Metrics { get; } = [MetricDeclaration.Latency("work")];
        public Task InitAsync(CancellationToken ct) => Task.CompletedTask;

        // The reply comes when the server is done, so a backlog stays in flight (and is drained) as with a real node.
        public async Task RunIterationAsync(IterationContext ctx)
        {
            long finish;
            lock (_gate) finish = _busyUntil = Math.Max(_busyUntil, ctx.IntendedTimestamp) + Service;
            var wait = RunClock.SecondsBetween(RunClock.Now, finish);
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait), ctx.Token);
            ctx.Record("work", finish);
        }

        public ScenarioExtras Extras() => ScenarioExtras.None;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Test]
    public async Task The_search_finds_where_a_250_per_second_target_stops_keeping_up()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nitro-capacity-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new CapacitySearchOptions(50, 2, 2000, 10, 0.1, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), Retries: 0);
            Threshold[] thresholds = [Threshold.Parse("work.p99 < 100ms"), Threshold.Parse("dropped_iterations == 0"), Threshold.Parse("capacity > 2000/s")];
            await using var target = new QueueTarget();
            var report = await CapacityRunner.RunAsync(target, new EngineOptions { Simulations = [new Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))], Drain = TimeSpan.FromSeconds(3) },
                thresholds, options, "cap", "test", dir, "fake", null, CancellationToken.None);

            // Below 250/s every request takes 4 ms; above it the queue grows through the 1.3 s step, so p99 passes 100 ms
            // once (r − 250) × 1.3 s × 4 ms ≳ 100 ms, i.e. at about 270/s: the result must sit between 250/s and one
            // bisection step (10 %) above that.
            Assert.That(report.Capacity, Is.InRange(225, 300), CapacityReportWriter.Markdown(report));
            Assert.That(report.FirstBad, Is.LessThanOrEqualTo(report.Capacity!.Value * 1.1 + 1e-9));
            Assert.That(report.Steps.Take(3).All(s => s.Held && s.P50 is >= 3_900 and < 10_000), Is.True, "50, 100, 200/s hold at ~4 ms");
            Assert.That(report.Steps.Single(s => s.Offered == 400).Held, Is.False);
            Assert.That(report.Knee!.Offered, Is.EqualTo(report.Capacity));
            Assert.That(report.Steps.Select(s => s.CpuMsPerIteration), Has.All.GreaterThan(0));
            // The gate on the result fails (capacity is far below 2000/s) and the step SLO does not include it.
            Assert.That(report.Thresholds.Single().Passed, Is.False);
            Assert.That(report.Slo, Is.EqualTo(new[] { "work.p99 < 100ms", "dropped_iterations == 0" }));
            Assert.That(ThresholdSet.ExitCode(report.Thresholds), Is.EqualTo(ThresholdSet.FailedExitCode));
            var files = CapacityReportWriter.Write(report, dir);
            Assert.That(File.ReadAllText(files.Single(f => f.EndsWith(CapacityReportWriter.HtmlFile))), Does.Contain($"knee {report.Capacity:0.#}/s"));
            Assert.That(Directory.GetDirectories(Path.Combine(dir, "steps")), Has.Length.EqualTo(report.Steps.Count));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
