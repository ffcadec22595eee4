using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NitroConformance.Protocol.Crypto;

/// <summary>
/// secp256k1 backend calling bitcoin-core's libsecp256k1 through function pointers: the build the Secp256k1.Net
/// package ships under runtimes/&lt;rid&gt;/native (never a system copy), so every machine signs with the same code.
/// </summary>
public sealed unsafe class NativeSecp256k1 : ISecp256k1
{
    /// <summary>The library's file name on this OS, as the package ships it.</summary>
    public static string LibraryName { get; } =
        OperatingSystem.IsWindows() ? "secp256k1.dll" : OperatingSystem.IsMacOS() ? "libsecp256k1.dylib" : "libsecp256k1.so";

    // SECP256K1_FLAGS_TYPE_CONTEXT | BIT_CONTEXT_SIGN | BIT_CONTEXT_VERIFY; newer versions ignore the bits.
    private const uint ContextSignVerify = (1u << 0) | (1u << 9) | (1u << 8);
    private const uint EcUncompressed = 1u << 1;

    private readonly nint _context;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int> _signRecoverable;
    private readonly delegate* unmanaged<nint, byte*, int*, byte*, int> _serializeCompact;
    private readonly delegate* unmanaged<nint, byte*, byte*, int, int> _parseCompact;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, int> _recover;
    private readonly delegate* unmanaged<nint, byte*, byte*, int> _pubkeyCreate;
    private readonly delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int> _pubkeySerialize;

    private NativeSecp256k1(nint library, string path)
    {
        LibraryPath = path;
        var create = (delegate* unmanaged<uint, nint>)Export(library, "secp256k1_context_create");
        var randomize = (delegate* unmanaged<nint, byte*, int>)Export(library, "secp256k1_context_randomize");
        _signRecoverable = (delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int>)Export(library, "secp256k1_ecdsa_sign_recoverable");
        _serializeCompact = (delegate* unmanaged<nint, byte*, int*, byte*, int>)Export(library, "secp256k1_ecdsa_recoverable_signature_serialize_compact");
        _parseCompact = (delegate* unmanaged<nint, byte*, byte*, int, int>)Export(library, "secp256k1_ecdsa_recoverable_signature_parse_compact");
        _recover = (delegate* unmanaged<nint, byte*, byte*, byte*, int>)Export(library, "secp256k1_ecdsa_recover");
        _pubkeyCreate = (delegate* unmanaged<nint, byte*, byte*, int>)Export(library, "secp256k1_ec_pubkey_create");
        _pubkeySerialize = (delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int>)Export(library, "secp256k1_ec_pubkey_serialize");

        _context = create(ContextSignVerify);
        if (_context == 0) throw new InvalidOperationException($"{path}: secp256k1_context_create returned null.");
        // Randomisation blinds the signing computation against side channels; it mutates the context,
        // so it happens once here, before the context is shared (all later calls use it read-only).
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        fixed (byte* s = seed)
        {
            if (randomize(_context, s) != 1) throw new InvalidOperationException($"{path}: secp256k1_context_randomize failed.");
        }
    }

    /// <inheritdoc />
    public string Name => "native";

    /// <summary>The full path of the library file that was loaded.</summary>
    public string LibraryPath { get; }

    /// <summary>Loads the package's library; returns null and a reason when it or a needed export is missing.</summary>
    public static NativeSecp256k1? TryCreate(out string? unavailableReason)
    {
        var path = FindPackagedLibrary();
        if (path is null)
        {
            unavailableReason = $"{LibraryName} from the Secp256k1.Net package is not among this app's native assets " +
                $"(runtimes/{RuntimeInformation.RuntimeIdentifier}/native); the package ships no build for this platform.";
            return null;
        }
        if (!NativeLibrary.TryLoad(path, out var library))
        {
            unavailableReason = $"{path} could not be loaded.";
            return null;
        }
        try
        {
            unavailableReason = null;
            return new NativeSecp256k1(library, path);
        }
        catch (EntryPointNotFoundException e)
        {
            unavailableReason = $"{path} lacks {e.Message} (it must be built with the recovery module).";
            return null;
        }
        catch (InvalidOperationException e)
        {
            unavailableReason = e.Message;
            return null;
        }
    }

    // The host lists the directories of the app's native assets for this RID (from deps.json, with the RID
    // fallback graph applied, e.g. linux-musl-x64) in NATIVE_DLL_SEARCH_DIRECTORIES. Looking only there, by
    // full path, keeps dlopen from picking up a system libsecp256k1 of another version.
    private static string? FindPackagedLibrary()
    {
        var directories = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"));
        return directories.Select(d => Path.Combine(d, LibraryName)).FirstOrDefault(File.Exists);
    }

    /// <inheritdoc />
    public void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> signature65)
    {
        Secp256k1Arguments.CheckSign(hash32, privateKey32, signature65);
        byte* recoverable = stackalloc byte[65];
        int recoveryId;
        fixed (byte* h = hash32)
        fixed (byte* k = privateKey32)
        fixed (byte* output = signature65)
        {
            // A null nonce function selects the library's RFC 6979 default; the library always emits low-s.
            if (_signRecoverable(_context, recoverable, h, k, 0, 0) != 1) throw Secp256k1Arguments.InvalidPrivateKey();
            _serializeCompact(_context, output, &recoveryId, recoverable);
        }
        signature65[64] = (byte)(27 + recoveryId);
    }

    /// <inheritdoc />
    public bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        var recoveryId = Secp256k1Arguments.RecoveryInput(hash32, signature65, publicKey64);
        if (recoveryId < 0) return false;
        byte* recoverable = stackalloc byte[65];
        byte* pubkey = stackalloc byte[64];
        byte* serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* h = hash32)
        fixed (byte* sig = signature65)
        {
            if (_parseCompact(_context, recoverable, sig, recoveryId) != 1) return false;
            if (_recover(_context, pubkey, recoverable, h) != 1) return false;
            _pubkeySerialize(_context, serialized, &length, pubkey, EcUncompressed);
        }
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(publicKey64);
        return true;
    }

    /// <inheritdoc />
    public void GetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64)
    {
        Secp256k1Arguments.CheckPrivateKeyLength(privateKey32);
        Secp256k1Arguments.CheckPublicKeyBuffer(publicKey64);
        byte* pubkey = stackalloc byte[64];
        byte* serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* k = privateKey32)
        {
            if (_pubkeyCreate(_context, pubkey, k) != 1) throw Secp256k1Arguments.InvalidPrivateKey();
            _pubkeySerialize(_context, serialized, &length, pubkey, EcUncompressed);
        }
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(publicKey64);
    }

    private static void* Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address) ? (void*)address : throw new EntryPointNotFoundException(name);
}
