using NUnit.Framework;

namespace NitroConformance.Conformance.Suite;

/// <summary>Stops the target and writes the reports once every conformance case has run.</summary>
[SetUpFixture]
public sealed class SuiteSetUp
{
    /// <summary>Writes reports and disposes the target.</summary>
    [OneTimeTearDown]
    public Task TearDownAsync() => SuiteRun.FinishAsync();
}
