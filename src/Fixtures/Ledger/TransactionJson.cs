using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Ledger;

/// <summary>The Go <c>TransactionResponse</c> shape shared by <c>transfer</c>, <c>tr</c> and <c>get_ledger_transactions</c>.</summary>
public static class TransactionJson
{
    /// <summary>One transaction; tags are omitted when empty, as Go's <c>omitempty</c> does.</summary>
    public static JsonObject From(LedgerTransaction tx, string fromTag, string toTag)
    {
        var o = new JsonObject
        {
            ["id"] = tx.Id,
            ["tx_type"] = tx.Type.ToWire(),
            ["from_account"] = tx.FromAccount,
        };
        if (fromTag.Length > 0) o["from_account_tag"] = fromTag;
        o["to_account"] = tx.ToAccount;
        if (toTag.Length > 0) o["to_account_tag"] = toTag;
        o["asset"] = tx.Asset;
        o["amount"] = LedgerAmount.Format(tx.Amount);
        o["created_at"] = GoTime.Rfc3339Nano(tx.CreatedAt);
        return o;
    }
}
