using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Transfers;

namespace NitroConformance.Fixtures.State;

/// <summary>Builds the ledger, transfer and app-session handlers of one reference-node instance.</summary>
public static class LedgerMethods
{
    /// <summary>
    /// The handlers for <c>create_app_session</c>, <c>submit_app_state</c>, <c>close_app_session</c>, <c>transfer</c>,
    /// <c>get_app_definition</c>, <c>get_app_sessions</c>, <c>get_ledger_balances</c>, <c>get_ledger_transactions</c> and <c>get_ledger_entries</c>.
    /// The transfer and app-session writes include the caller's balance-push <c>bu</c> in their outcomes (success and failure).
    /// <paramref name="yieldStateLock"/> releases the node's state lock for a moment (used only by a seeded concurrency defect).
    /// </summary>
    public static IReadOnlyList<IRpcMethodHandler> Create(
        NodeLedgerState state,
        ISessionKeyDirectory keys,
        TimeProvider clock,
        IReadOnlySet<DefectId> defects,
        IUserTagDirectory? tags = null,
        Action? yieldStateLock = null)
    {
        var context = new LedgerContext(state, keys, clock, defects, tags, yieldStateLock);
        return
        [
            new CreateAppSessionHandler(context),
            new SubmitAppStateHandler(context),
            new CloseAppSessionHandler(context),
            new TransferHandler(context),
            new GetAppDefinitionHandler(context),
            new GetAppSessionsHandler(context),
            new GetLedgerBalancesHandler(context),
            new GetLedgerTransactionsHandler(context),
            new GetLedgerEntriesHandler(context),
        ];
    }
}
