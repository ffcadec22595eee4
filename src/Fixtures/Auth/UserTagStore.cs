using System.Security.Cryptography;

namespace NitroConformance.Fixtures.Auth;

/// <summary>Short per-wallet user tags, created at the first signature <c>auth_verify</c> (clearnode-rpc.md §7).</summary>
public sealed class UserTagStore
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

    /// <summary>The wallet owning <paramref name="tag"/>, or null.</summary>
    public string? WalletOf(string tag) => _byWallet.FirstOrDefault(p => p.Value == tag).Key;
}
