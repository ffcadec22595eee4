using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Tests;

public class ThresholdTests
{
    [TestCase("broadcast.p99 < 50ms", "broadcast", "p99", "<", 50_000)]
    [TestCase("broadcast.last.p99.9 <= 1.5s", "broadcast.last", "p99.9", "<=", 1_500_000)]
    [TestCase("echo.max < 900us", "echo", "max", "<", 900)]
    [TestCase("fail_rate < 1%", null, "fail_rate", "<", 0.01)]
    [TestCase("throughput > 2000/s", null, "throughput", ">", 2000)]
    [TestCase("misdelivered == 0", null, "misdelivered", "==", 0)]
    [TestCase("broadcast.fail_rate < 0.5%", "broadcast", "fail_rate", "<", 0.005)]
    public void Parses(string text, string? metric, string stat, string op, double value)
    {
        var t = Threshold.Parse(text);
        Assert.That(t.Metric, Is.EqualTo(metric));
        Assert.That(t.Stat, Is.EqualTo(stat));
        Assert.That(t.Operator, Is.EqualTo(op));
        Assert.That(t.Value, Is.EqualTo(value).Within(1e-12));
    }

    [TestCase("broadcast.p99 < 50", "latency needs a unit")]
    [TestCase("p99 lower than 5ms", "is not a threshold")]
    [TestCase("fail_rate < 3ms", "does not fit fail_rate")]
    public void Rejects_bad_expressions_naming_the_origin(string text, string message)
    {
        Assert.That(() => Threshold.Parse(text, "profile.yaml:7: thresholds"),
            Throws.TypeOf<FormatException>().With.Message.StartsWith("profile.yaml:7: thresholds").And.Message.Contains(message));
    }

    [Test]
    public void Evaluates_against_measured_numbers()
    {
        var r = SampleReports.Broadcast();
        // broadcast p99 is 1980 µs, 10 errors in 1110 samples+errors (submit samples count too), throughput = 1000 / 10 s.
        var outcomes = ReportThresholds.Evaluate(new[]
        {
            "broadcast.p99 < 2ms", "broadcast.p99 < 1.5ms", "fail_rate < 1%", "fail_rate < 0.5%",
            "throughput >= 100/s", "throughput > 100/s", "misdelivered == 0", "nosuch.p50 < 1ms",
        }.Select(s => Threshold.Parse(s)), r);
        Assert.That(outcomes.Select(o => o.Passed), Is.EqualTo(new[] { true, false, true, false, true, false, false, false }));
        Assert.That(outcomes[0].Actual, Is.EqualTo("1.98ms"));
        Assert.That(outcomes[2].Actual, Is.EqualTo("0.901%"));
        Assert.That(outcomes[4].Actual, Is.EqualTo("100/s"));
        Assert.That(outcomes[6].Actual, Is.EqualTo("2"));
        Assert.That(outcomes[7].Actual, Is.EqualTo("no metric 'nosuch'"));
    }

    [Test]
    public void Exit_code_is_99_when_any_threshold_fails()
    {
        Assert.That(ThresholdSet.ExitCode([new ThresholdOutcome("a", "1", true)]), Is.Zero);
        Assert.That(ThresholdSet.ExitCode([]), Is.Zero);
        Assert.That(ThresholdSet.ExitCode([new ThresholdOutcome("a", "1", true), new ThresholdOutcome("b", "2", false)]), Is.EqualTo(99));
    }
}
