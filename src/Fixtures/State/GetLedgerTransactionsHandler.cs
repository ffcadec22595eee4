using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.State;

/// <summary><c>get_ledger_transactions</c> (public): filter by account (from or to), asset, type; sort by creation; page.</summary>
public sealed class GetLedgerTransactionsHandler(LedgerContext context) : ParamsHandler<GetLedgerTransactionsHandler.QueryParams>("get_ledger_transactions", isPrivate: false)
{
    /// <summary>The Go <c>GetLedgerTransactionsParams</c> (account id already normalised).</summary>
    public sealed record QueryParams(string AccountId, string Asset, string TxType, ListOptions Options);

    /// <inheritdoc />
    protected override QueryParams Decode(ParamReader p) =>
        new(LedgerAddress.AccountId(p.String("account_id")), p.String("asset"), p.String("tx_type"), ListOptions.From(p));

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, QueryParams parameters) =>
        OverflowGuard.Run(context.State, () => HandleChecked(parameters), () => MethodOutcome.Fail("failed to get transactions"));

    private MethodOutcome HandleChecked(QueryParams parameters)
    {
        var (accountId, asset, txType, options) = parameters;
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
        var ordered = ListOptions.ByCreation(rows, descending, t => t.CreatedAt, t => t.Id);
        var list = JsonRows.Of(options.Page(ordered),
            t => TransactionJson.From(t, context.Tags?.TagForWallet(t.FromAccount) ?? "", context.Tags?.TagForWallet(t.ToAccount) ?? ""));
        return MethodOutcome.Ok(new JsonObject { ["ledger_transactions"] = list });
    }
}
