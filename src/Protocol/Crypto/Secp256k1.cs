namespace NitroConformance.Protocol.Crypto;

/// <summary>The secp256k1 backends and the process-wide choice between them (NITRO_SECP256K1=native|managed|auto).</summary>
public static class Secp256k1
{
    /// <summary>The environment variable that forces a backend.</summary>
    public const string EnvironmentVariable = "NITRO_SECP256K1";

    private static readonly Lazy<(NativeSecp256k1? Backend, string? Reason)> NativeLoad = new(() =>
    {
        var backend = NativeSecp256k1.TryCreate(out var reason);
        return (backend, reason);
    });

    private static readonly Lazy<ISecp256k1> DefaultChoice =
        new(() => Select(Environment.GetEnvironmentVariable(EnvironmentVariable), Native, NativeUnavailableReason));

    /// <summary>The backend on the packaged libsecp256k1, or null when the library cannot be loaded.</summary>
    public static NativeSecp256k1? Native => NativeLoad.Value.Backend;

    /// <summary>Why <see cref="Native"/> is null (null when it loaded).</summary>
    public static string? NativeUnavailableReason => NativeLoad.Value.Reason;

    /// <summary>The managed (NBitcoin.Secp256k1) backend; always available.</summary>
    public static ISecp256k1 Managed { get; } = new ManagedSecp256k1();

    /// <summary>The default backend for logs: its name, and the library file or why native is unavailable.</summary>
    public static string Describe() => Default switch
    {
        NativeSecp256k1 native => $"native ({native.LibraryPath})",
        var other => $"{other.Name}" + (Native is null ? $" (native unavailable: {NativeUnavailableReason})" : $" (forced by {EnvironmentVariable})"),
    };

    /// <summary>Native when it loads, else managed, unless NITRO_SECP256K1 says otherwise (read once).</summary>
    public static ISecp256k1 Default => DefaultChoice.Value;

    /// <summary>
    /// Picks a backend for a setting value: "native" (throws if <paramref name="native"/> is null), "managed",
    /// or "auto"/empty/null (native when available). Any other value throws, naming the variable.
    /// </summary>
    public static ISecp256k1 Select(string? setting, ISecp256k1? native, string? nativeUnavailableReason = null)
    {
        switch (setting?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                return native ?? Managed;
            case "managed":
                return Managed;
            case "native":
                return native ?? throw new InvalidOperationException(
                    $"{EnvironmentVariable}=native, but the native secp256k1 backend is unavailable: " +
                    (nativeUnavailableReason ?? $"{NativeSecp256k1.LibraryName} could not be loaded."));
            default:
                throw new ArgumentException(
                    $"{EnvironmentVariable} has the unknown value '{setting}'; use native, managed or auto.", nameof(setting));
        }
    }
}
