using System.Buffers.Binary;
using System.Text;

namespace NitroConformance.Protocol.Crypto;

/// <summary>
/// EIP-712 hashing of the ClearNode auth "Policy" typed data: domain {name} only, primary type Policy with
/// an Allowance[] member. Exposes every intermediate hash so each step can be checked against the vectors.
/// </summary>
public static class Eip712Auth
{
    /// <summary>encodeType of the domain: only the name field.</summary>
    public const string DomainTypeString = "EIP712Domain(string name)";

    /// <summary>encodeType of Allowance.</summary>
    public const string AllowanceTypeString = "Allowance(string asset,string amount)";

    /// <summary>encodeType of Policy, with the referenced Allowance type appended as EIP-712 requires.</summary>
    public const string PolicyTypeString =
        "Policy(string challenge,string scope,address wallet,address session_key,uint64 expires_at,Allowance[] allowances)" + AllowanceTypeString;

    /// <summary>keccak256 of <see cref="DomainTypeString"/>.</summary>
    public static ReadOnlySpan<byte> DomainTypeHash => DomainTypeHashBytes;

    /// <summary>keccak256 of <see cref="PolicyTypeString"/>.</summary>
    public static ReadOnlySpan<byte> PolicyTypeHash => PolicyTypeHashBytes;

    /// <summary>keccak256 of <see cref="AllowanceTypeString"/>.</summary>
    public static ReadOnlySpan<byte> AllowanceTypeHash => AllowanceTypeHashBytes;

    private static readonly byte[] DomainTypeHashBytes = Keccak256.HashUtf8(DomainTypeString);
    private static readonly byte[] PolicyTypeHashBytes = Keccak256.HashUtf8(PolicyTypeString);
    private static readonly byte[] AllowanceTypeHashBytes = Keccak256.HashUtf8(AllowanceTypeString);

    /// <summary>keccak256(typeHash(EIP712Domain) ‖ keccak256(name)).</summary>
    public static byte[] DomainSeparator(string application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var buffer = new byte[64];
        DomainTypeHashBytes.CopyTo(buffer, 0);
        Keccak256.Hash(Encoding.UTF8.GetBytes(application), buffer.AsSpan(32));
        return Keccak256.Hash(buffer);
    }

    /// <summary>hashStruct(Allowance) = keccak256(typeHash ‖ keccak256(asset) ‖ keccak256(amount)).</summary>
    public static byte[] AllowanceStructHash(Allowance allowance)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        var buffer = new byte[96];
        AllowanceTypeHashBytes.CopyTo(buffer, 0);
        Keccak256.Hash(Encoding.UTF8.GetBytes(allowance.Asset ?? ""), buffer.AsSpan(32));
        Keccak256.Hash(Encoding.UTF8.GetBytes(allowance.Amount ?? ""), buffer.AsSpan(64));
        return Keccak256.Hash(buffer);
    }

    /// <summary>The Allowance[] member: keccak256 of the concatenated struct hashes (keccak256("") when empty).</summary>
    public static byte[] AllowancesArrayHash(IReadOnlyList<Allowance> allowances)
    {
        ArgumentNullException.ThrowIfNull(allowances);
        var buffer = new byte[32 * allowances.Count];
        for (var i = 0; i < allowances.Count; i++)
            AllowanceStructHash(allowances[i]).CopyTo(buffer, 32 * i);
        return Keccak256.Hash(buffer);
    }

    /// <summary>
    /// hashStruct(Policy). An address field is its 20 bytes, so every spelling of one address (any case, "0x", "0X" or
    /// no prefix, as the Go server's encoder accepts) hashes alike; anything else throws <see cref="FormatException"/>
    /// naming the field (the Go server's encoder refuses those too).
    /// </summary>
    public static byte[] PolicyStructHash(AuthPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var buffer = new byte[32 * 7];
        var span = buffer.AsSpan();
        PolicyTypeHashBytes.CopyTo(span[..32]);
        Keccak256.Hash(Encoding.UTF8.GetBytes(policy.Challenge ?? ""), span.Slice(32, 32));
        Keccak256.Hash(Encoding.UTF8.GetBytes(policy.Scope ?? ""), span.Slice(64, 32));
        AddressWord(policy.Wallet, "wallet").CopyTo(span.Slice(96 + 12, 20));
        AddressWord(policy.SessionKey, "session_key").CopyTo(span.Slice(128 + 12, 20));
        BinaryPrimitives.WriteUInt64BigEndian(span.Slice(160 + 24, 8), policy.ExpiresAt);
        AllowancesArrayHash(policy.Allowances ?? []).CopyTo(span.Slice(192, 32));
        return Keccak256.Hash(buffer);
    }

    /// <summary>The signed digest: keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(Policy)).</summary>
    public static byte[] Digest(string application, AuthPolicy policy)
    {
        var buffer = new byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        DomainSeparator(application).CopyTo(buffer, 2);
        PolicyStructHash(policy).CopyTo(buffer, 34);
        return Keccak256.Hash(buffer);
    }

    /// <summary>The wallet's auth_verify signature over <see cref="Digest"/> as "0x" hex (v = 27/28).</summary>
    public static string Sign(EthKey wallet, string application, AuthPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return wallet.SignHashHex(Digest(application, policy));
    }

    /// <summary>
    /// The server side of auth_verify step 2: rebuilds the digest and recovers the EIP-55 signer. False when the
    /// application is empty, an address field is malformed, or the signature is malformed or unrecoverable.
    /// </summary>
    public static bool TryRecoverSigner(string application, AuthPolicy policy, string? signatureHex, out string address)
    {
        address = "";
        if (string.IsNullOrEmpty(application) || policy is null) return false;
        byte[] digest;
        try
        {
            digest = Digest(application, policy);
        }
        catch (FormatException)
        {
            return false;
        }
        return Signature.TryRecoverAddress(digest, signatureHex, out address);
    }

    private static byte[] AddressWord(string? address, string field)
    {
        try
        {
            return EthAddress.ToBytesPrefixOptional(address ?? "");
        }
        catch (FormatException)
        {
            throw new FormatException($"EIP-712 Policy field '{field}' is not an address (40 hex digits, \"0x\" optional): '{address}'.");
        }
    }
}
