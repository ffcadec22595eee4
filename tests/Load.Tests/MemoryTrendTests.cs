using NitroConformance.Load.Workloads.Soak;

namespace NitroConformance.Load.Tests;

public class MemoryTrendTests
{
    // A GC sawtooth: allocations climb 40 MiB above the floor, a collection drops back to it.
    private static List<double> Sawtooth(int n, Func<int, double> floor) =>
        Enumerable.Range(0, n).Select(i => floor(i) + i % 4 * 10.0).ToList();

    [Test]
    public void A_flat_sawtooth_after_a_start_up_climb_is_not_rising()
    {
        var values = Sawtooth(40, i => i < 8 ? 20 + i * 10 : 100);
        Assert.That(MemoryTrend.Of(values, 25), Is.EqualTo(new MemoryTrend(0, false)));
    }

    [Test]
    public void A_floor_that_keeps_rising_is_a_leak()
    {
        // Floor 100 → 139 over 40 samples: the first settled quarter's floor is 108, the last 132.
        var trend = MemoryTrend.Of(Sawtooth(40, i => 100 + i), 15);
        Assert.That(trend, Is.EqualTo(new MemoryTrend(22.2, true)));
        Assert.That(MemoryTrend.Of(Sawtooth(40, i => 100 + i), 25).Rising, Is.False, "growth under the limit");
    }

    [Test]
    public void Growth_that_falls_back_in_between_is_not_a_leak()
    {
        var floors = new double[] { 100, 100, 200, 200, 150, 150, 250, 250 };
        var values = Enumerable.Range(0, 50).Select(i => floors[Math.Min(7, (i - 10) * 8 / 40 < 0 ? 0 : (i - 10) * 8 / 40)]).ToList();
        var trend = MemoryTrend.Of(values, 25);
        Assert.That(trend.GrowthPercent, Is.EqualTo(150));
        Assert.That(trend.Rising, Is.False);
    }

    [Test]
    public void Too_few_samples_give_no_verdict() =>
        Assert.That(MemoryTrend.Of([10, 20, 40, 80, 160, 320, 640], 1), Is.EqualTo(new MemoryTrend(0, false)));
}
