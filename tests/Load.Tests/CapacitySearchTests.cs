using NitroConformance.Load.Capacity;

namespace NitroConformance.Load.Tests;

public class CapacitySearchTests
{
    private static readonly CapacitySearchOptions Options = CapacitySearchOptions.Default with { Budget = TimeSpan.FromHours(1), Retries = 0 };

    // A fake target whose p99 is 2 ms up to 300/s and then rises by 0.1 ms per extra request/s: with an SLO of p99 < 50 ms
    // the knee is where 2 + 0.1 × (r − 300) = 50, i.e. r = 780/s.
    private static double P99Ms(double rate) => 2 + 0.1 * Math.Max(0, rate - 300);

    private static CapacitySearch Run(CapacitySearchOptions options, Func<double, bool> holds, TimeSpan? perStep = null)
    {
        var search = new CapacitySearch(options);
        var elapsed = TimeSpan.Zero;
        while (search.Next(elapsed) is { } rate)
        {
            search.Record(rate, holds(rate));
            elapsed += perStep ?? TimeSpan.Zero;
        }
        return search;
    }

    [Test]
    public void Finds_the_knee_of_a_latency_rising_at_a_known_rate_within_one_bisection_step()
    {
        var search = Run(Options, r => P99Ms(r) < 50);
        // Climb 50, 100, 200, 400, 800 (breaks), then bisect between 400 and 800.
        Assert.That(search.Steps.Take(5).Select(s => (s.Rate, s.Held)), Is.EqualTo(new[] { (50.0, true), (100.0, true), (200.0, true), (400.0, true), (800.0, false) }));
        Assert.That(search.LastGood, Is.LessThan(780).And.GreaterThanOrEqualTo(780 / 1.05));
        Assert.That(search.FirstBad, Is.GreaterThanOrEqualTo(780).And.LessThanOrEqualTo(search.LastGood!.Value * 1.05));
        Assert.That(search.StopReason, Does.StartWith("resolved"));
        Assert.That(search.Steps, Has.Count.LessThanOrEqualTo(5 + 4)); // log2(400 / (5% of ~760)) ≈ 3.4 bisections
    }

    [TestCase(37.0)]
    [TestCase(51.0)]
    [TestCase(1234.5)]
    [TestCase(19_999.0)]
    public void Any_knee_in_range_is_bracketed_within_the_resolution(double knee)
    {
        var search = Run(Options, r => r <= knee);
        Assert.That(search.LastGood, Is.LessThanOrEqualTo(knee));
        Assert.That(search.FirstBad, Is.GreaterThan(knee));
        Assert.That(search.FirstBad - search.LastGood, Is.LessThanOrEqualTo(0.05 * search.LastGood!.Value + 1e-9));
    }

    [Test]
    public void Holding_at_the_rate_bound_ends_the_search_with_at_least_that()
    {
        var search = Run(Options with { MaxRate = 300 }, _ => true);
        Assert.That(search.Steps.Select(s => s.Rate), Is.EqualTo(new[] { 50.0, 100, 200, 300 }));
        Assert.That(search.LastGood, Is.EqualTo(300));
        Assert.That(search.FirstBad, Is.Null);
        Assert.That(search.StopReason, Does.Contain("max_rate 300/s"));
    }

    [Test]
    public void A_target_that_never_holds_is_searched_down_to_the_minimum_rate()
    {
        var search = Run(Options with { MinRate = 10 }, _ => false);
        Assert.That(search.Steps.Select(s => s.Rate), Is.EqualTo(new[] { 50.0, 25, 12.5 }));
        Assert.That(search.LastGood, Is.Null);
        Assert.That(search.StopReason, Is.EqualTo("no rate held down to min_rate 10/s"));
    }

    [Test]
    public void The_time_budget_stops_the_search_before_a_step_that_would_overrun_it()
    {
        // Steps take 2 s + 5 s; a 30 s budget fits 4 steps (28 s), not a fifth.
        var search = Run(Options with { Budget = TimeSpan.FromSeconds(30) }, r => r < 10_000, TimeSpan.FromSeconds(7));
        Assert.That(search.Steps, Has.Count.EqualTo(4));
        Assert.That(search.LastGood, Is.EqualTo(400));
        Assert.That(search.StopReason, Is.EqualTo("time budget of 30 s reached"));
    }

    [Test]
    public void A_breaking_rate_is_retried_and_a_transient_break_does_not_end_the_climb()
    {
        // 200/s breaks once (a stall), then holds; 800/s breaks on every try.
        var tries = new Dictionary<double, int>();
        var search = Run(Options with { Retries = 1, MaxRate = 800 }, r =>
        {
            tries[r] = tries.GetValueOrDefault(r) + 1;
            return r < 800 && !(r == 200 && tries[r] == 1);
        });
        Assert.That(search.Steps.Take(7).Select(s => (s.Rate, s.Held)),
            Is.EqualTo(new[] { (50.0, true), (100.0, true), (200.0, false), (200.0, true), (400.0, true), (800.0, false), (800.0, false) }));
        Assert.That(search.LastGood, Is.GreaterThan(760));
    }

    [TestCase(0, 2, "capacity.start_rate")]
    [TestCase(50, 1, "capacity.growth")]
    public void Bad_bounds_are_refused_naming_the_field(double start, double growth, string field)
    {
        Assert.That(() => new CapacitySearch(Options with { StartRate = start, Growth = growth }), Throws.ArgumentException.With.Message.StartsWith(field));
    }
}

public class CapacityProfileTests
{
    [Test]
    public void The_capacity_block_binds_with_defaults_and_refuses_unknown_keys_naming_file_and_line()
    {
        var p = Profiles.ProfileLoader.Parse("scenario: broadcast\ncapacity:\n  start_rate: 20\n  resolution: 10%\n  budget: 90s\n", "c.yaml");
        Assert.That(p.Capacity, Is.EqualTo(CapacitySearchOptions.Default with { StartRate = 20, Resolution = 0.1, Budget = TimeSpan.FromSeconds(90) }));
        Assert.That(Profiles.ProfileLoader.Parse("capacity:\n  retries: 0\n", "c.yaml").Capacity!.Retries, Is.Zero);
        Assert.That(() => Profiles.ProfileLoader.Parse("capacity:\n  start_rate: 20\n  max_rte: 5\n", "c.yaml"),
            Throws.TypeOf<FormatException>().With.Message.StartsWith("c.yaml:3: capacity.max_rte: unknown field"));
        Assert.That(() => Profiles.ProfileLoader.Parse("capacity:\n  budget: 3s\n", "c.yaml"),
            Throws.TypeOf<FormatException>().With.Message.EqualTo("c.yaml: capacity.budget: shorter than one step (step_warmup + step_duration)"));
    }

    [Test]
    public void A_capacity_gate_is_a_statistic_of_the_search_only()
    {
        Load.Thresholds.Threshold[] gate = [Load.Thresholds.Threshold.Parse("capacity > 2000/s")];
        Assert.That(gate[0].GatesCapacity, Is.True);
        Assert.That(() => Load.Thresholds.ThresholdSet.CheckKnown(gate, []), Throws.ArgumentException.With.Message.Contains("unknown counter or statistic 'capacity'"));
        Assert.That(() => Load.Thresholds.ThresholdSet.CheckKnown(gate, [], "capacity"), Throws.Nothing);
        Assert.That(gate[0].Evaluate(2500).Passed, Is.True);
        Assert.That(gate[0].Evaluate((double?)null), Is.EqualTo(new Load.Thresholds.ThresholdOutcome("capacity > 2000/s", "no capacity found", false)));
    }
}
