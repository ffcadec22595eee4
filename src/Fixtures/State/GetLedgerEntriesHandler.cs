using NitroConformance.Fixtures.Params;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.State;

/// <summary>
/// <c>get_ledger_entries</c> (public, clearnode-rpc.md §7): the ledger's rows filtered by <c>account_id</c>, <c>asset</c> and
/// wallet (the <c>wallet</c> parameter, else the caller's wallet; none on an unauthenticated connection), sorted by
/// creation (newest first by default), paged.
/// </summary>
public sealed class GetLedgerEntriesHandler(LedgerContext context) : ParamsHandler<GetLedgerEntriesHandler.QueryParams>("get_ledger_entries", isPrivate: false)
{
    /// <summary>The Go <c>GetLedgerEntriesParams</c> (account id already normalised).</summary>
    public sealed record QueryParams(string AccountId, string Asset, string Wallet, ListOptions Options);

    // go-ethereum's zero address: what an empty or unparsable wallet maps to, and then Go applies no wallet filter.
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <inheritdoc />
    protected override QueryParams Decode(ParamReader p) =>
        new(LedgerAddress.AccountId(p.String("account_id")), p.String("asset"), p.String("wallet"), ListOptions.From(p));

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, QueryParams parameters)
    {
        var (accountId, asset, wallet, options) = parameters;
        if (wallet == "") wallet = call.CallerWallet ?? "";
        var walletColumn = LedgerAddress.WalletColumn(wallet);
        if (options.Descending(byDefault: true) is not { } descending) return MethodOutcome.Fail("failed to get ledger entries");

        var rows = context.State.Entries.Where(e =>
            (accountId == "" || e.AccountId == accountId)
            && (walletColumn == ZeroAddress || e.Wallet == walletColumn)
            && (asset == "" || e.Asset == asset));
        var ordered = ListOptions.ByCreation(rows, descending, e => e.CreatedAt, e => e.Id);
        var list = JsonRows.Of(options.Page(ordered), e => new JsonObject
        {
            ["id"] = e.Id,
            ["account_id"] = e.AccountId,
            // Go declares an account type on every row but never sets it, so it is always 0.
            ["account_type"] = 0,
            ["asset"] = e.Asset,
            ["participant"] = e.Wallet,
            ["credit"] = GoDecimal.Format(e.Credit),
            ["debit"] = GoDecimal.Format(e.Debit),
            ["created_at"] = GoTime.Rfc3339Nano(e.CreatedAt),
        });
        return MethodOutcome.Ok(new JsonObject { ["ledger_entries"] = list });
    }
}
