using NUnit.Framework;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Tests;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>Names and resolves the two secp256k1 backends every signature case runs on.</summary>
public static class Backends
{
    /// <summary>Backend names used as test-case arguments.</summary>
    public static readonly string[] Names = ["native", "managed"];

    /// <summary>The backend by name; when the native library is absent, ignores the test with the reason (fails it under CI).</summary>
    public static ISecp256k1 Get(string name)
    {
        switch (name)
        {
            case "managed":
                return Secp256k1.Managed;
            case "native":
                var native = Secp256k1.Native;
                if (native is null) MissingTool.Report($"Native secp256k1 backend unavailable: {Secp256k1.NativeUnavailableReason}");
                return native;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "unknown backend");
        }
    }
}
