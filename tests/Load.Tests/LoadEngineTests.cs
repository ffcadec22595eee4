using System.Diagnostics;
using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Tests;

public class LoadEngineTests
{
    [Test]
    public async Task Open_model_keeps_its_schedule_and_excludes_warm_up()
    {
        var scenario = new CountingScenario(TimeSpan.Zero);
        var engine = new LoadEngine(new EngineOptions
        {
            Simulations = [new Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5))],
            WarmUp = TimeSpan.FromSeconds(0.5),
        });
        var result = await engine.RunAsync(scenario);
        var starts = scenario.Starts.OrderBy(s => s.Intended).ToList();
        Assert.That(starts, Has.Count.EqualTo(200)); // 0.5 s warm-up + 1.5 s at 100/s
        Assert.That(starts.Count(s => !s.Measured), Is.EqualTo(50));
        // Intended times are exactly 10 ms apart, whatever the machine does.
        var gaps = starts.Zip(starts.Skip(1), (a, b) => (b.Intended - a.Intended) * 1000.0 / Stopwatch.Frequency).ToList();
        Assert.That(gaps, Has.All.EqualTo(10.0).Within(0.01));
        var work = result.Metrics.Get("work").Snapshot();
        Assert.That(work.Histogram.TotalCount, Is.EqualTo(150));
        Assert.That(result.Metrics.Counter(LoadEngine.CompletedIterations), Is.EqualTo(150));
        Assert.That(result.Metrics.Counter(LoadEngine.DroppedIterations), Is.Zero);
        Assert.That(result.MeasuredSeconds, Is.InRange(1.4, 3.0));
        Assert.That(result.Metrics.Series("work").Sum(p => p.Count), Is.EqualTo(150));
    }

    [Test]
    public async Task Open_model_drops_iterations_when_in_flight_limit_is_reached()
    {
        // Each iteration holds 1 s; at 100/s with at most 10 in flight, only the first 10 can start.
        var scenario = new CountingScenario(TimeSpan.FromSeconds(1));
        var engine = new LoadEngine(new EngineOptions
        {
            Simulations = [new Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5))],
            MaxInFlight = 10,
            Drain = TimeSpan.FromSeconds(3),
        });
        var result = await engine.RunAsync(scenario);
        Assert.That(scenario.Starts, Has.Count.EqualTo(10));
        Assert.That(result.Metrics.Counter(LoadEngine.DroppedIterations), Is.EqualTo(40));
        Assert.That(result.Metrics.Get("work").Count, Is.EqualTo(10));
        // Measured from intended time: the held iterations show ~1 s.
        Assert.That(result.Metrics.Get("work").Snapshot().Histogram.ValueAtPercentile(50), Is.GreaterThanOrEqualTo(990_000)); // timers may fire a millisecond early
    }

    [Test]
    public async Task Iteration_cap_bounds_the_run()
    {
        var scenario = new CountingScenario(TimeSpan.Zero);
        var engine = new LoadEngine(new EngineOptions
        {
            Simulations = [new Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
            MaxIterations = 25,
        });
        await engine.RunAsync(scenario);
        Assert.That(scenario.Starts, Has.Count.EqualTo(25));
    }

    [Test]
    public async Task Closed_model_keeps_the_number_of_copies()
    {
        var scenario = new CountingScenario(TimeSpan.FromMilliseconds(50));
        var engine = new LoadEngine(new EngineOptions { Simulations = [new KeepConstant(4, TimeSpan.FromSeconds(1))] });
        var result = await engine.RunAsync(scenario);
        // 4 copies × ~20 iterations of 50 ms; generous bounds for a busy machine, but never more than the copies allow.
        Assert.That(scenario.Starts.Count, Is.InRange(8, 4 * 21));
        Assert.That(result.Metrics.Get("work").Snapshot().Histogram.ValueAtPercentile(50), Is.GreaterThanOrEqualTo(49_000));
    }

    [Test]
    public void Mixed_open_and_closed_stages_are_rejected()
    {
        Assert.That(() => new LoadEngine(new EngineOptions
        {
            Simulations = [new Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), new KeepConstant(1, TimeSpan.FromSeconds(1))],
        }), Throws.ArgumentException.With.Message.Contains("mix of open"));
    }
}
