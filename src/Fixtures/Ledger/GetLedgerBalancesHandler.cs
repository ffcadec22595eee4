using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Ledger;

/// <summary><c>get_ledger_balances</c> (private): the caller's own rows per asset under its wallet or a given account.</summary>
public sealed class GetLedgerBalancesHandler(LedgerContext context) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_ledger_balances";

    /// <inheritdoc />
    public bool IsPrivate => true;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call) =>
        OverflowGuard.Run(context.State, () => HandleChecked(call), () => MethodOutcome.Fail("failed to get ledger balances"));

    private MethodOutcome HandleChecked(RpcCall call)
    {
        string accountId;
        try
        {
            accountId = ParamReader.From(call.Params).String("account_id");
        }
        catch (ParamDecodeException)
        {
            return MethodOutcome.Fail("failed to parse parameters");
        }
        if (call.CallerWallet is not { } caller) return MethodOutcome.Fail("failed to get ledger balances");
        var account = LedgerAddress.AccountId(accountId == "" ? caller : accountId);
        var balances = context.State.Balances(account, caller);
        return MethodOutcome.Ok(new JsonObject { ["ledger_balances"] = BalanceNotifications.ToJson(balances) });
    }
}
