using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Ledger;

/// <summary><c>get_ledger_transactions</c> (public): filter by account (from or to), asset, type; sort by creation; page.</summary>
public sealed class GetLedgerTransactionsHandler(LedgerContext context) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_ledger_transactions";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call) =>
        OverflowGuard.Run(context.State, () => HandleChecked(call), () => MethodOutcome.Fail("failed to get transactions"));

    private MethodOutcome HandleChecked(RpcCall call)
    {
        string accountId, asset, txType;
        ListOptions options;
        try
        {
            var p = ParamReader.From(call.Params);
            accountId = LedgerAddress.AccountId(p.String("account_id"));
            asset = p.String("asset");
            txType = p.String("tx_type");
            options = ListOptions.From(p);
        }
        catch (ParamDecodeException)
        {
            return MethodOutcome.Fail("failed to parse parameters");
        }
        LedgerTransactionType? type = null;
        if (txType != "")
        {
            if (!LedgerTransactionTypes.TryParse(txType, out var parsed)) return MethodOutcome.Fail("invalid ledger transaction type");
            type = parsed;
        }
        if (options.Descending(byDefault: true) is not { } descending) return MethodOutcome.Fail("failed to get transactions");

        var rows = context.State.Transactions.Where(t =>
            (accountId == "" || t.FromAccount == accountId || t.ToAccount == accountId)
            && (asset == "" || t.Asset == asset)
            && (type is null || t.Type == type));
        var ordered = descending
            ? rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            : rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
        var list = new JsonArray();
        foreach (var t in options.Page(ordered))
            list.Add(TransactionJson.From(t, context.Tags?.TagForWallet(t.FromAccount) ?? "", context.Tags?.TagForWallet(t.ToAccount) ?? ""));
        return MethodOutcome.Ok(new JsonObject { ["ledger_transactions"] = list });
    }
}
