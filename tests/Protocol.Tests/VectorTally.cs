using NUnit.Framework;
using System.Collections.Concurrent;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests;

/// <summary>Counts the vector entries that actually ran, per file and backend, and prints them after the run.</summary>
/// <remarks>In the root test namespace so its teardown runs after every namespace (Crypto, Oracle) finished.</remarks>
[SetUpFixture]
public sealed class VectorTally
{
    private static readonly ConcurrentDictionary<(string File, string Backend), int> Counts = new();

    /// <summary>Records one vector entry checked on one backend ("-" when no backend is involved).</summary>
    public static void Ran(string file, string backend) => Counts.AddOrUpdate((file, backend), 1, (_, n) => n + 1);

    /// <summary>
    /// Prints the tallies to the progress stream, and one line per backend to the error stream, which `dotnet test`
    /// shows at its default verbosity: which secp256k1 backend (and which library file) ran the vectors.
    /// </summary>
    [OneTimeTearDown]
    public void Report()
    {
        foreach (var entry in Counts.OrderBy(e => e.Key.File).ThenBy(e => e.Key.Backend))
            TestContext.Progress.WriteLine($"[vectors] {entry.Key.File}: {entry.Value} entries ran on backend '{entry.Key.Backend}'");
        foreach (var backend in Counts.GroupBy(e => e.Key.Backend).Where(g => g.Key != "-").OrderBy(g => g.Key, StringComparer.Ordinal))
            TestContext.Error.WriteLine($"[vectors] {backend.Sum(e => e.Value)} golden-vector entries ran on {Describe(backend.Key)}");
    }

    private static string Describe(string backend) => backend switch
    {
        "native" => $"native ({Secp256k1.Native?.LibraryPath})",
        "managed" => "managed (NBitcoin.Secp256k1)",
        "nethereum" => "Nethereum 6.1.0 (the oracle)",
        _ => backend,
    };
}
