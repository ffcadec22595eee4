namespace NitroConformance.Fixtures.State;

/// <summary>Ledger transaction kinds with the Go node's numeric codes.</summary>
public enum LedgerTransactionType
{
    /// <summary>Unified balance to unified balance.</summary>
    Transfer = 100,
    /// <summary>On-chain deposit into the unified balance.</summary>
    Deposit = 201,
    /// <summary>Withdrawal from the unified balance to chain.</summary>
    Withdrawal = 202,
    /// <summary>Unified balance into an app-session share.</summary>
    AppDeposit = 301,
    /// <summary>App-session share back to a unified balance.</summary>
    AppWithdrawal = 302,
    /// <summary>Escrow lock (not produced by this node).</summary>
    EscrowLock = 401,
    /// <summary>Escrow unlock (not produced by this node).</summary>
    EscrowUnlock = 402,
}

/// <summary>Wire names of <see cref="LedgerTransactionType"/> (the <c>tx_type</c> field and filter).</summary>
public static class LedgerTransactionTypes
{
    /// <summary>The wire name, e.g. <c>app_deposit</c>.</summary>
    public static string ToWire(this LedgerTransactionType type) => type switch
    {
        LedgerTransactionType.Transfer => "transfer",
        LedgerTransactionType.Deposit => "deposit",
        LedgerTransactionType.Withdrawal => "withdrawal",
        LedgerTransactionType.AppDeposit => "app_deposit",
        LedgerTransactionType.AppWithdrawal => "app_withdrawal",
        LedgerTransactionType.EscrowLock => "escrow_lock",
        LedgerTransactionType.EscrowUnlock => "escrow_unlock",
        _ => "",
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string text, out LedgerTransactionType type)
    {
        foreach (var candidate in Enum.GetValues<LedgerTransactionType>())
        {
            if (candidate.ToWire() == text)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
