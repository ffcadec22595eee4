using NUnit.Framework;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Names and resolves the two secp256k1 backends every signature case runs on.</summary>
public static class Backends
{
    /// <summary>Backend names used as test-case arguments.</summary>
    public static readonly string[] Names = ["native", "managed"];

    /// <summary>The backend by name; ignores the test (with the reason) when the native library is absent.</summary>
    public static ISecp256k1 Get(string name)
    {
        switch (name)
        {
            case "managed":
                return Secp256k1.Managed;
            case "native":
                var native = Secp256k1.Native;
                if (native is null) Assert.Ignore($"Native secp256k1 backend unavailable: {Secp256k1.NativeUnavailableReason}");
                return native!;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "unknown backend");
        }
    }
}
