using System.Collections.Concurrent;
using System.Diagnostics;
using NUnit.Framework;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Tests.Crypto;

namespace NitroConformance.Protocol.Tests.Oracle;

/// <summary>
/// Property tests against Nethereum over 10,000 random cases each: native signatures recover in Nethereum and
/// Nethereum's in ours (byte-identical, as RFC 6979 demands), and our EIP-712 auth digest equals its typed-data hash.
/// </summary>
public sealed class NethereumPropertyTests
{
    private const int Cases = 10_000;
    private const int Seed = 20261202;

    [Test]
    public void NativeSignaturesRecoverInNethereumAndTheKeccaksAgree()
    {
        var native = Backends.Get("native");
        Check(Seed, inputs => (Key: inputs.PrivateKey(), Message: inputs.Message()), input =>
        {
            var hash = Keccak256.Hash(input.Message);
            if (!hash.AsSpan().SequenceEqual(Nethereum.Keccak(input.Message))) return "keccak256 differs";
            var signature = new byte[65];
            var publicKey = new byte[64];
            native.Sign(hash, input.Key, signature);
            native.GetPublicKey(input.Key, publicKey);
            var expected = EthAddress.FromPublicKey(publicKey);
            var recovered = Nethereum.RecoverAddress(hash, signature);
            return recovered == expected ? null : $"Nethereum recovered {recovered}, the signer is {expected}";
        });
    }

    [Test]
    public void NethereumSignaturesAreByteIdenticalToNativeAndRecoverInIt()
    {
        var native = Backends.Get("native");
        Check(Seed + 1, inputs => (Key: inputs.PrivateKey(), Hash: Keccak256.Hash(inputs.Message())), input =>
        {
            var theirs = Nethereum.Sign(input.Hash, input.Key);
            var ours = new byte[65];
            native.Sign(input.Hash, input.Key, ours);
            if (!theirs.AsSpan().SequenceEqual(ours)) return $"Nethereum signed {Hex.Encode(theirs)}, native {Hex.Encode(ours)}";
            var publicKey = new byte[64];
            var recovered = new byte[64];
            native.GetPublicKey(input.Key, publicKey);
            return native.TryRecover(input.Hash, theirs, recovered) && recovered.AsSpan().SequenceEqual(publicKey)
                ? null
                : "native did not recover the signer from Nethereum's signature";
        });
    }

    [Test]
    public void AuthDigestEqualsNethereumsTypedDataHash()
    {
        Check(Seed + 2, inputs => (Application: inputs.Text(20), Policy: inputs.Policy()), input =>
        {
            var ours = Hex.Encode(Eip712Auth.Digest(input.Application, input.Policy));
            var theirs = Hex.Encode(Nethereum.TypedDataDigest(Nethereum.PolicyTypedData(input.Application, input.Policy)));
            return ours == theirs ? null : $"digest {ours} vs Nethereum {theirs} for application '{input.Application}', {input.Policy}";
        });
    }

    // Inputs are drawn in order from the seed (reproducible), then checked on every core; the check returns null
    // or what differs, and the lowest failing case is reported with its seed.
    private static void Check<T>(int seed, Func<RandomInputs, T> draw, Func<T, string?> check)
    {
        var inputs = new RandomInputs(seed);
        var cases = Enumerable.Range(0, Cases).Select(_ => draw(inputs)).ToArray();
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentDictionary<int, string>();
        Parallel.For(0, Cases, i =>
        {
            if (check(cases[i]) is { } failure) failures[i] = failure;
        });
        if (!failures.IsEmpty)
        {
            var first = failures.Keys.Min();
            Assert.Fail($"{failures.Count} of {Cases} cases differ; first: case {first} of seed {seed}: {failures[first]}");
        }
        TestContext.Progress.WriteLine($"[oracle] {TestContext.CurrentContext.Test.Name}: {Cases} cases agreed in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
