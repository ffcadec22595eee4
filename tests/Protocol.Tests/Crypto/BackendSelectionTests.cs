using NUnit.Framework;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>NITRO_SECP256K1 handling through <see cref="Secp256k1.Select"/>, which takes the setting as a parameter.</summary>
public sealed class BackendSelectionTests
{
    private static readonly ISecp256k1 FakeNative = new NamedOnly("native");

    [TestCase("managed")]
    [TestCase("MANAGED")]
    [TestCase(" managed ")]
    public void ManagedForcesManagedEvenWhenNativeExists(string setting)
    {
        Assert.That(Secp256k1.Select(setting, FakeNative), Is.SameAs(Secp256k1.Managed));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("auto")]
    public void AutoPrefersNative(string? setting)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Secp256k1.Select(setting, FakeNative), Is.SameAs(FakeNative));
            Assert.That(Secp256k1.Select(setting, null), Is.SameAs(Secp256k1.Managed));
        });
    }

    [Test]
    public void NativeForcedUsesNative()
    {
        Assert.That(Secp256k1.Select("native", FakeNative), Is.SameAs(FakeNative));
    }

    [Test]
    public void NativeForcedButMissingNamesTheLibrary()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Secp256k1.Select("native", null));
        Assert.That(error!.Message, Is.EqualTo(
            "NITRO_SECP256K1=native, but the native secp256k1 backend is unavailable: " + NativeSecp256k1.LibraryName + " could not be loaded."));
    }

    [Test]
    public void UnknownSettingIsRejectedWithTheVariableName()
    {
        var error = Assert.Throws<ArgumentException>(() => Secp256k1.Select("fast", FakeNative));
        Assert.That(error!.Message, Does.StartWith("NITRO_SECP256K1 has the unknown value 'fast'; use native, managed or auto."));
    }

    [Test]
    public void DefaultFollowsTheEnvironment()
    {
        var expected = Secp256k1.Select(Environment.GetEnvironmentVariable(Secp256k1.EnvironmentVariable), Secp256k1.Native);
        Assert.That(Secp256k1.Default, Is.SameAs(expected));
        TestContext.Progress.WriteLine($"[secp256k1] default backend: {Secp256k1.Describe()}");
    }

    [Test]
    public void NativeIsTheLibraryThePackageShipsNotASystemCopy()
    {
        var native = Backends.Get("native");
        var path = ((NativeSecp256k1)native).LibraryPath;
        // The SDK copies the package's runtimes/<rid>/native files beside the test binaries.
        Assert.That(path, Does.StartWith(Path.Combine(AppContext.BaseDirectory, "runtimes")).And.EndWith(NativeSecp256k1.LibraryName));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(File.ReadAllBytes(PackagedLibrary(path))), "not the file the Secp256k1.Net package ships");
    }

    // The same file in the NuGet package cache: runtimes/<rid>/native/<name> under secp256k1.net/2.0.0.
    private static string PackagedLibrary(string loadedPath)
    {
        var rid = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(loadedPath)))!;
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(cache, "secp256k1.net", "2.0.0", "runtimes", rid, "native", NativeSecp256k1.LibraryName);
    }

    private sealed class NamedOnly(string name) : ISecp256k1
    {
        public string Name => name;
        public void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> signature65) => throw new InvalidOperationException("not used");
        public bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64) => throw new InvalidOperationException("not used");
        public void GetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64) => throw new InvalidOperationException("not used");
    }
}
