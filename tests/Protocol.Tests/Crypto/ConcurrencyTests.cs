using NUnit.Framework;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>One backend instance (one native context) is shared by all threads; results must not depend on interleaving.</summary>
public sealed class ConcurrencyTests
{
    [TestCaseSource(typeof(Backends), nameof(Backends.Names))]
    public void ParallelSigningAndRecoveryMatchSerialResults(string backendName)
    {
        var backend = Backends.Get(backendName);
        const int Count = 64;
        var keys = Enumerable.Range(0, Count).Select(i => Keccak256.HashUtf8($"concurrency-key-{i}")).ToArray();
        var hashes = Enumerable.Range(0, Count).Select(i => Keccak256.HashUtf8($"concurrency-message-{i}")).ToArray();
        var serial = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            var signature = new byte[65];
            backend.Sign(hashes[i], keys[i], signature);
            serial[i] = Hex.Encode(signature);
        }

        var parallel = new string[Count * 4];
        var recoveredOk = new bool[Count * 4];
        Parallel.For(0, Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, j =>
        {
            var i = j % Count;
            var signature = new byte[65];
            backend.Sign(hashes[i], keys[i], signature);
            parallel[j] = Hex.Encode(signature);
            var recovered = new byte[64];
            var expected = new byte[64];
            backend.GetPublicKey(keys[i], expected);
            recoveredOk[j] = backend.TryRecover(hashes[i], signature, recovered) && recovered.AsSpan().SequenceEqual(expected);
        });

        Assert.Multiple(() =>
        {
            Assert.That(parallel, Is.EqualTo(Enumerable.Range(0, Count * 4).Select(j => serial[j % Count])));
            Assert.That(recoveredOk, Is.All.True);
        });
    }
}
