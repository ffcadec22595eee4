namespace NitroConformance.Load.Workloads.Bank;

/// <summary>One transfer as the bank sees it: ledger transaction id (0 when unknown), sender and receiver account, amount.</summary>
public sealed record BankTransfer(ulong Id, string From, string To, decimal Amount)
{
    /// <summary>Same sender, receiver (account ids compare case-insensitively, as hex addresses) and amount.</summary>
    public bool SameMovement(BankTransfer other) =>
        string.Equals(From, other.From, StringComparison.OrdinalIgnoreCase)
        && string.Equals(To, other.To, StringComparison.OrdinalIgnoreCase)
        && Amount == other.Amount;

    /// <summary>Key for matching by movement alone (amounts are unique per request, so this identifies one request).</summary>
    /// <remarks>The amount is written without trailing zeros: 0.000120 sent is listed as 0.00012.</remarks>
    public string MovementKey => $"{From.ToLowerInvariant()}>{To.ToLowerInvariant()}:{Amount.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)}";
}
