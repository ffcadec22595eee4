using NitroConformance.Load.Calibration;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Workloads;

namespace NitroConformance.Load.Tests;

public class CoordinatedOmissionTests
{
    [Test]
    public async Task Open_model_p99_shows_a_200ms_stall_that_a_closed_loop_hides()
    {
        await using var server = await LoopbackEchoServer.StartAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        await using var open = new EchoScenario(server.Url, connections: 4, timeout: TimeSpan.FromSeconds(2));
        await open.InitAsync(CancellationToken.None);
        var openResult = await new LoadEngine(new EngineOptions
        {
            Simulations = [new Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))],
        }).RunAsync(open);
        var openP99 = openResult.Metrics.Get(EchoScenario.Metric).Snapshot().Histogram.ValueAtPercentile(99);

        await using var closed = new EchoScenario(server.Url, connections: 1, timeout: TimeSpan.FromSeconds(2));
        await closed.InitAsync(CancellationToken.None);
        var closedResult = await new LoadEngine(new EngineOptions
        {
            Simulations = [new KeepConstant(1, TimeSpan.FromSeconds(3))],
        }).RunAsync(closed);
        var closedHist = closedResult.Metrics.Get(EchoScenario.Metric).Snapshot().Histogram;

        // ~20% of intended start times fall in a stall, waiting up to 200 ms: p99 must be near the full stall.
        Assert.That(openP99, Is.GreaterThanOrEqualTo(150_000), $"open-model p99 {openP99} µs");
        // A closed loop sends one request per stall, so the stall is a handful of samples among thousands.
        Assert.That(closedHist.Max, Is.GreaterThanOrEqualTo(100_000), "the closed loop still saw the stall once");
        Assert.That(closedHist.ValueAtPercentile(99), Is.LessThan(openP99 / 2), "closed-loop p99 hides the stall");
    }
}
