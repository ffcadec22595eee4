using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Tests;

public class ClosedScheduleTests
{
    private static readonly TimeSpan S10 = TimeSpan.FromSeconds(10);

    [TestCase(0.0, 0)]
    [TestCase(2.5, 2)]   // 10 × 0.25 = 2.5: rounded to the even neighbour
    [TestCase(3.5, 4)]   // 3.5 → 4
    [TestCase(5.0, 5)]
    [TestCase(9.99, 10)]
    [TestCase(10.0, 10)] // the constant stage starts
    [TestCase(19.99, 10)]
    [TestCase(20.0, 10)] // the second ramp starts from 10 …
    [TestCase(25.0, 7)]  // … and is halfway to 4: 10 + (4 − 10) × 0.5 = 7
    [TestCase(30.0, 0)]  // after the end
    public void Copies_follow_ramps_from_the_previous_stage(double t, int expected)
    {
        LoadSimulation[] stages = [new RampingConstant(10, S10), new KeepConstant(10, S10), new RampingConstant(4, S10)];
        Assert.That(ClosedSchedule.CopiesAt(stages, t), Is.EqualTo(expected));
    }

    [Test]
    public void Open_stages_are_refused()
    {
        Assert.That(() => ClosedSchedule.CopiesAt([new Inject(1, TimeSpan.FromSeconds(1), S10)], 1),
            Throws.ArgumentException.With.Message.Contains("is open-model"));
    }
}
