using NUnit.Framework;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Beyond the vectors: both backends give identical bytes over many derived keys and hashes.</summary>
public sealed class BackendAgreementTests
{
    [Test]
    public void NativeAndManagedAgreeOnDerivedKeysAndHashes()
    {
        var native = Backends.Get("native");
        var managed = Secp256k1.Managed;
        const int Count = 200;
        var nativeSignature = new byte[65];
        var managedSignature = new byte[65];
        var nativeKey = new byte[64];
        var recovered = new byte[64];
        for (var i = 0; i < Count; i++)
        {
            var privateKey = Keccak256.HashUtf8($"agreement-key-{i}");
            var hash = Keccak256.HashUtf8($"agreement-message-{i}");
            native.Sign(hash, privateKey, nativeSignature);
            managed.Sign(hash, privateKey, managedSignature);
            Assert.That(Hex.Encode(managedSignature), Is.EqualTo(Hex.Encode(nativeSignature)), $"signature {i}");
            native.GetPublicKey(privateKey, nativeKey);
            Assert.That(managed.TryRecover(hash, nativeSignature, recovered), Is.True, $"managed recovery {i}");
            Assert.That(recovered, Is.EqualTo(nativeKey), $"managed recovery {i}");
            Assert.That(native.TryRecover(hash, managedSignature, recovered), Is.True, $"native recovery {i}");
            Assert.That(recovered, Is.EqualTo(nativeKey), $"native recovery {i}");
        }
        TestContext.Progress.WriteLine($"[secp256k1] native and managed agreed on {Count} derived signatures");
    }
}
