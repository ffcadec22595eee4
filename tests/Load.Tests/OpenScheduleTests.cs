using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Tests;

public class OpenScheduleTests
{
    [Test]
    public void Constant_injection_spaces_iterations_evenly()
    {
        var offsets = OpenSchedule.Offsets([new Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))]).ToList();
        Assert.That(offsets, Has.Count.EqualTo(20));
        Assert.That(offsets[0], Is.EqualTo(0));
        Assert.That(offsets[1], Is.EqualTo(0.1).Within(1e-9));
        Assert.That(offsets[^1], Is.EqualTo(1.9).Within(1e-9));
    }

    [Test]
    public void Ramping_injection_integrates_the_rate()
    {
        // 0 → 100/s over 2 s = 100 iterations, denser at the end.
        var offsets = OpenSchedule.Offsets([new RampingInject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))]).ToList();
        Assert.That(offsets, Has.Count.EqualTo(100));
        Assert.That(offsets.Count(o => o < 1), Is.EqualTo(25)); // ∫0..1 of 50t dt = 25
        Assert.That(offsets, Is.Ordered);
    }

    [Test]
    public void Stages_join_without_gaps()
    {
        var offsets = OpenSchedule.Offsets([
            new Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            new Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
        ]).ToList();
        Assert.That(offsets, Has.Count.EqualTo(55));
        Assert.That(offsets.Count(o => o >= 1), Is.EqualTo(50));
    }
}
