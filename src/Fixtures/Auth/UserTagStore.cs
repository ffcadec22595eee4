using System.Security.Cryptography;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.Auth;

/// <summary>Short per-wallet user tags, created at the first signature <c>auth_verify</c> (clearnode-rpc.md §7).</summary>
public sealed class UserTagStore : IUserTagDirectory
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Dictionary<string, string> _byWallet = new(StringComparer.Ordinal);

    /// <summary>The wallet's tag, creating one when missing.</summary>
    public string GetOrCreate(string wallet)
    {
        if (_byWallet.TryGetValue(wallet, out var tag)) return tag;
        do
        {
            tag = RandomNumberGenerator.GetString(Alphabet, 6);
        } while (_byWallet.ContainsValue(tag));
        _byWallet[wallet] = tag;
        return tag;
    }

    /// <summary>The wallet's tag, or null.</summary>
    public string? Find(string wallet) => _byWallet.GetValueOrDefault(wallet);

    /// <inheritdoc />
    public string? WalletForTag(string tag) => _byWallet.FirstOrDefault(p => p.Value == tag).Key;

    /// <inheritdoc />
    public string? TagForWallet(string wallet) => Find(wallet);
}
