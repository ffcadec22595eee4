using NitroConformance.Fixtures.Params;
using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.State;

/// <summary>The Go <c>TransactionResponse</c> shape shared by <c>transfer</c>, <c>tr</c> and <c>get_ledger_transactions</c>.</summary>
public static class TransactionJson
{
    /// <summary>One stored transaction; tags are omitted when empty, as Go's <c>omitempty</c> does.</summary>
    public static JsonObject From(LedgerTransaction tx, string fromTag, string toTag) =>
        Build(tx, GoDecimal.Format(tx.Amount), GoTime.Rfc3339Nano(tx.CreatedAt), fromTag, toTag);

    /// <summary>
    /// One transaction as the Go struct stands right after its insert (ledger_transaction.go ~l.41-55): the requested
    /// amount before the column's rounding, and the insert time with its full precision.
    /// </summary>
    public static JsonObject AsInserted(LedgerTransaction tx, decimal requestedAmount, DateTimeOffset insertedAt, string fromTag, string toTag) =>
        Build(tx, GoDecimal.Format(Math.Abs(requestedAmount)), GoTime.Rfc3339NanoInMemory(insertedAt), fromTag, toTag);

    private static JsonObject Build(LedgerTransaction tx, string amount, string createdAt, string fromTag, string toTag)
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
        o["amount"] = amount;
        o["created_at"] = createdAt;
        return o;
    }
}
