using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>The quorum rule of app-sessions.md §3.1 (submit and close), with the quorum-family seeded defects.</summary>
public static class QuorumCheck
{
    /// <summary>Null when the signers may act on <paramref name="session"/>; else the exact error text.</summary>
    public static string? Verify(LedgerContext context, AppSessionRecord session, SignerSet signers, string intent)
    {
        var weights = session.WeightsByParticipant();
        // Go walks the signer wallets as a map (app_session_service.go ~l.777-782): which unknown one is named varies.
        foreach (var wallet in context.State.Order.Arrange(signers.Wallets))
        {
            if (!weights.ContainsKey(wallet) && !context.Has(DefectId.AcceptNonParticipantSigner))
                return $"signature from unknown participant wallet {wallet}";
        }

        // Correct rule: each distinct wallet counts once. The defect counts every signer (a key and its wallet twice).
        var counted = context.Has(DefectId.CountSessionKeyAndWalletTwice)
            ? signers.Signers.Select(signers.Map)
            : signers.Wallets;
        long sum = 0;
        foreach (var wallet in counted)
            if (weights.TryGetValue(wallet, out var weight)) sum += weight;
        if (context.Has(DefectId.WeightSumOverflow8Bit)) sum = (byte)sum;

        if (context.Has(DefectId.SkipQuorumCheck) || sum >= 0 && (ulong)sum >= session.Quorum) return null;
        return $"{Prefix(intent)}: quorum not reached: {sum} / {session.Quorum}";
    }

    private static string Prefix(string intent) => intent switch
    {
        AppIntents.Deposit => "incorrect deposit request",
        AppIntents.Withdraw => "incorrect withdrawal request",
        _ => "incorrect submit_state request",
    };
}

/// <summary>Intent strings of <c>submit_app_state</c> (0.4).</summary>
public static class AppIntents
{
    /// <summary>Redistribute within the session.</summary>
    public const string Operate = "operate";
    /// <summary>Move funds from unified balances into shares.</summary>
    public const string Deposit = "deposit";
    /// <summary>Move funds from shares back to unified balances.</summary>
    public const string Withdraw = "withdraw";
}
