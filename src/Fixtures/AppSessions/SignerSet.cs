using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>A request's recovered signers and the wallets they act for (session keys mapped through the key directory).</summary>
public sealed class SignerSet
{
    private readonly LedgerContext _context;
    private readonly DateTimeOffset _now;

    /// <summary>Builds the set for recovered <paramref name="signers"/> at <paramref name="now"/>.</summary>
    public SignerSet(LedgerContext context, IReadOnlyList<string> signers, DateTimeOffset now)
    {
        _context = context;
        _now = now;
        Signers = signers;
        Wallets = signers.Select(Map).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Recovers every <c>sig</c> element of <paramref name="call"/>; null when any element fails to recover.</summary>
    public static SignerSet? Recover(LedgerContext context, RpcCall call, DateTimeOffset now) =>
        RequestSigners.Recover(call) is { } recovered ? new SignerSet(context, recovered, now) : null;

    /// <summary>Distinct recovered signer addresses, in <c>sig</c> order.</summary>
    public IReadOnlyList<string> Signers { get; }

    /// <summary>Distinct wallets of the signers (a wallet and its key count once).</summary>
    public IReadOnlyList<string> Wallets { get; }

    /// <summary>The wallet a signer acts for: its active session key's wallet, else itself.</summary>
    public string Map(string signer) => _context.Keys.WalletFor(signer, _now) ?? signer;

    /// <summary>
    /// Whether <paramref name="participant"/> signed: directly (no key involved) or through one of its session keys
    /// (<paramref name="viaKey"/> is that key).
    /// </summary>
    public bool Signed(string participant, out string? viaKey)
    {
        viaKey = null;
        if (Signers.Contains(participant, StringComparer.Ordinal)) return true;
        // Go looks the key up in a map walk (app_session_service.go ~l.28-42): with two keys of one wallet either may be charged.
        foreach (var signer in _context.State.Order.Arrange(Signers))
        {
            if (Map(signer) == participant && signer != participant)
            {
                viaKey = signer;
                return true;
            }
        }
        return false;
    }
}
