using NUnit.Framework;
using System.Collections.Concurrent;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Counts the vector entries that actually ran, per file and backend, and prints them after the run.</summary>
[SetUpFixture]
public sealed class VectorTally
{
    private static readonly ConcurrentDictionary<(string File, string Backend), int> Counts = new();

    /// <summary>Records one vector entry checked on one backend ("-" when no backend is involved).</summary>
    public static void Ran(string file, string backend) => Counts.AddOrUpdate((file, backend), 1, (_, n) => n + 1);

    /// <summary>Prints the tallies to the progress stream.</summary>
    [OneTimeTearDown]
    public void Report()
    {
        foreach (var entry in Counts.OrderBy(e => e.Key.File).ThenBy(e => e.Key.Backend))
            TestContext.Progress.WriteLine($"[vectors] {entry.Key.File}: {entry.Value} entries ran on backend '{entry.Key.Backend}'");
    }
}
