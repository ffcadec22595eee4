using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Suite;
using NUnit.Framework;

namespace NitroConformance.Conformance;

/// <summary>
/// Starts the suite's target before the first case, so the reference node's handlers are constructed outside any
/// test: Stryker then sees the mutants in their constructor arguments (e.g. a method's <c>isPrivate</c> flag) as
/// static and runs every case against them, instead of only the first case, which used to build the node.
/// </summary>
[SetUpFixture]
public sealed class TargetWarmUp
{
    /// <summary>Builds the target once; a failure to start is kept by <see cref="SuiteRun"/> and reported by the cases, as without this fixture.</summary>
    [OneTimeSetUp]
    public async Task StartTargetAsync()
    {
        try
        {
            await SuiteRun.GetAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is PreFlightFailedException or InvalidOperationException)
        {
            // SuiteRun remembers the failure; ConformanceTests.Case reports it on the cases.
        }
    }
}
