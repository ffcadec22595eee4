using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads.Bank;

/// <summary>
/// Reads the end state of a bank run over the wire: each wallet's unified balance and its share in every session the bank
/// tried to open (<c>get_ledger_balances</c>, own wallet or <c>account_id</c> = session), and each wallet's transfers
/// (<c>get_ledger_transactions</c>, paged).
/// </summary>
/// <remarks>
/// Go orders <c>get_ledger_transactions</c> by <c>created_at</c> only and pages with offset/limit, the limit capped at 100
/// (clearnode list_options.go, paginate ~l.33; rpc_router_public.go HandleGetLedgerTransactions ~l.350). Rows with equal
/// timestamps may come back in a different order on the next page, so a row can repeat or go missing across pages: repeats
/// are collapsed by id, and when an accepted transfer is missing the listing is read again in the other order.
/// </remarks>
internal sealed class BankLedgerReader(IReadOnlyList<AuthenticatedConnection> wallets, string asset, TimeSpan timeout)
{
    /// <summary>The Go node's largest page.</summary>
    public const int PageLimit = 100;

    /// <summary>
    /// One ping per connection, answered: a node handles one connection's requests in order (Go: one loop per connection,
    /// rpc_node.go processMessages ~l.153), so whatever was queued before on any of them is done.
    /// </summary>
    public Task BarrierAsync(CancellationToken ct) =>
        Task.WhenAll(wallets.Select(w => w.Client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], timeout, ct)));

    /// <summary>Reads everything and compares it with <paramref name="journal"/>.</summary>
    public async Task<BankAuditResult> AuditAsync(BankJournal journal, CancellationToken ct)
    {
        var balances = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var w in wallets) balances[w.Wallet.Address] = await BalanceAsync(w, null, ct).ConfigureAwait(false);
        var byAddress = wallets.ToDictionary(w => w.Wallet.Address, StringComparer.OrdinalIgnoreCase);
        var shares = new Dictionary<(string, string), decimal>();
        foreach (var (session, participants) in journal.Sessions)
            foreach (var p in participants)
                shares[(session, p)] = await BalanceAsync(byAddress[p], session, ct).ConfigureAwait(false);
        var listed = await ListAsync("asc", ct).ConfigureAwait(false);
        var result = BankAuditResult.Compare(journal, new BankObservation(balances, shares, listed));
        if (result.Lost == 0) return result;
        listed.AddRange(await ListAsync("desc", ct).ConfigureAwait(false));
        return BankAuditResult.Compare(journal, new BankObservation(balances, shares, listed));
    }

    /// <summary><paramref name="w"/>'s balance of the asset under its own account (null) or <paramref name="account"/> (its share there).</summary>
    public async Task<decimal> BalanceAsync(AuthenticatedConnection w, string? account, CancellationToken ct)
    {
        var reply = await w.Client.RequestAsync(RpcMethods.GetLedgerBalances, Requests.GetLedgerBalances(account), [w.Wallet], timeout, ct).ConfigureAwait(false);
        var sum = 0m;
        if (reply.Params?["ledger_balances"] is JsonArray rows)
            foreach (var row in rows.OfType<JsonObject>())
                if (row["asset"]?.ToString() == asset)
                    sum += decimal.Parse(row["amount"]?.ToString() ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);
        return sum;
    }

    private async Task<List<BankTransfer>> ListAsync(string sort, CancellationToken ct)
    {
        var rows = new List<BankTransfer>();
        foreach (var w in wallets)
        {
            for (ulong offset = 0; ; offset += PageLimit)
            {
                var page = await w.Client.RequestAsync(RpcMethods.GetLedgerTransactions,
                    Requests.GetLedgerTransactions(w.Wallet.Address, asset, "transfer", offset, PageLimit, sort), [], timeout, ct).ConfigureAwait(false);
                var items = BankScenario.Transactions(page).ToList();
                rows.AddRange(items);
                if (items.Count < PageLimit) break;
            }
        }
        return rows;
    }
}
