using System.Diagnostics.CodeAnalysis;
using NUnit.Framework;

namespace NitroConformance.Tests;

/// <summary>
/// What a test does when a tool it needs is absent: skip with the reason on a developer machine, fail with the
/// same reason under CI (env CI=true), so a missing tool can never turn CI green by silently skipping.
/// </summary>
public static class MissingTool
{
    /// <summary>True when the environment variable CI is "true" or "1", as CI services set it.</summary>
    public static bool UnderCi =>
        Environment.GetEnvironmentVariable("CI")?.Trim().ToLowerInvariant() is "true" or "1";

    /// <summary>Ignores the test with <paramref name="reason"/>, or fails it under CI.</summary>
    [DoesNotReturn]
    public static void Report(string reason)
    {
        if (UnderCi) Assert.Fail($"CI=true, so a missing tool fails the test: {reason}");
        Assert.Ignore(reason);
        throw new InvalidOperationException("unreachable: Assert.Ignore throws");
    }
}
