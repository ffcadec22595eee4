using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.State;

/// <summary><c>get_ledger_balances</c> (private): the caller's own rows per asset under its wallet or a given account.</summary>
public sealed class GetLedgerBalancesHandler(LedgerContext context) : ParamsHandler<string>("get_ledger_balances", isPrivate: true)
{
    /// <inheritdoc />
    protected override string Decode(ParamReader p) => p.String("account_id");

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, string accountId) =>
        OverflowGuard.Run(context.State, () => HandleChecked(call, accountId), () => MethodOutcome.Fail("failed to get ledger balances"));

    private MethodOutcome HandleChecked(RpcCall call, string accountId)
    {
        if (call.CallerWallet is not { } caller) return MethodOutcome.Fail("failed to get ledger balances");
        var account = LedgerAddress.AccountId(accountId == "" ? caller : accountId);
        var balances = context.State.Balances(account, caller);
        return MethodOutcome.Ok(new JsonObject { ["ledger_balances"] = BalanceNotifications.ToJson(balances) });
    }
}
