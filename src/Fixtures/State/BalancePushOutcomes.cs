using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.State;

/// <summary>
/// Outcomes of the "balance-push" methods (transfer and the three app-session writes): after the handler, success or
/// failure, the caller gets a <c>bu</c> with its unified balances, queued before the response.
/// </summary>
public static class BalancePushOutcomes
{
    /// <summary>Success: the handler's pushes, then the caller's <c>bu</c>.</summary>
    public static MethodOutcome Ok(LedgerContext context, RpcCall call, JsonNode result, IEnumerable<Notification> pushes) =>
        MethodOutcome.Ok(result, WithCallerBalance(context, call, pushes));

    /// <summary>Failure: only the caller's <c>bu</c>, then the error.</summary>
    public static MethodOutcome Fail(LedgerContext context, RpcCall call, string error) =>
        MethodOutcome.Fail(error, WithCallerBalance(context, call, []));

    private static List<Notification> WithCallerBalance(LedgerContext context, RpcCall call, IEnumerable<Notification> pushes)
    {
        var list = pushes.ToList();
        if (call.CallerWallet is { } caller) list.Add(BalanceNotifications.For(context.State, caller));
        return list;
    }
}
