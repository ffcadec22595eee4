using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>close_app_session</c> (app-sessions.md §6): rules C1–C10.</summary>
public sealed class CloseAppSessionHandler(LedgerContext context)
    : LedgerWriteHandler<CloseAppSessionHandler.CloseParams>(context, "close_app_session", "failed to close application session")
{
    /// <summary>The Go <c>CloseAppSessionParams</c>.</summary>
    public sealed record CloseParams(string SessionId, IReadOnlyList<AllocationParam> Allocations, string? SessionData);

    /// <inheritdoc />
    protected override CloseParams Decode(ParamReader p) =>
        new(p.String("app_session_id"), AllocationParam.ListFrom(p), p.OptionalString("session_data"));

    /// <inheritdoc />
    protected override MethodOutcome HandleChecked(RpcCall call, CloseParams parameters)
    {
        var (sessionId, allocations, sessionData) = parameters;

        var now = Context.Now;
        var signers = SignerSet.Recover(Context, call, now);
        if (signers is null) return Fail(call, "failed to get wallets from RPC message");

        if (sessionId == "" || allocations.Count == 0)
            return Fail(call, "missing required parameters: app_id or allocations");
        var state = Context.State;
        var session = OpenSessionUpdate.FindOpen(Context, sessionId);
        if (session is null) return Fail(call, OpenSessionUpdate.NotFoundError);
        if (OpenSessionUpdate.Authorize(Context, session, signers, "", now) is { } authError)
            return Fail(call, authError);
        if (OpenSessionUpdate.DuplicateAllocations(Context, allocations) is { } duplicate)
            return Fail(call, duplicate);

        var savepoint = state.Savepoint();
        var paid = new List<string>();
        if (Redistribute(session, allocations, paid, now) is { } error)
        {
            state.RollbackTo(savepoint);
            return Fail(call, error);
        }

        session.Status = AppSessionStatus.Closed;
        OpenSessionUpdate.Stamp(session, sessionData, now);

        var pushes = paid.Select(w => BalanceNotifications.For(state, w));
        return BalancePushOutcomes.Ok(Context, call, AppSessionJson.MutationResult(sessionId, AppSessionStatus.Closed, session.Version), pushes);
    }

    // C5–C9: empty every listed share into its owner's unified balance at the listed amount, then check conservation.
    private string? Redistribute(AppSessionRecord session, IReadOnlyList<AllocationParam> allocations, List<string> paid, DateTimeOffset now)
    {
        var state = Context.State;
        var totals = state.AccountTotals(session.SessionId);
        var listed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var alloc in allocations)
        {
            if (alloc.Amount < 0m && !Context.Has(DefectId.NegativeAmountsAccepted))
                return $"negative allocation: {GoDecimal.Format(alloc.Amount)} for asset {alloc.Asset}";
            if (!session.IsParticipant(alloc.Participant)) return $"allocation to non-participant {alloc.Participant}";
            var unified = LedgerAddress.AccountId(alloc.Participant);
            var share = state.Balance(session.SessionId, alloc.Participant, alloc.Asset);
            state.Record(session.SessionId, alloc.Participant, alloc.Asset, -share, null, now);
            state.Record(unified, alloc.Participant, alloc.Asset, alloc.Amount, null, now);
            state.RecordTransaction(LedgerTransactionType.AppWithdrawal, session.SessionId, unified, alloc.Asset, alloc.Amount, now);
            if (alloc.Amount != 0m)
            {
                listed[alloc.Asset] = listed.GetValueOrDefault(alloc.Asset) + alloc.Amount;
                if (!paid.Contains(alloc.Participant, StringComparer.Ordinal)) paid.Add(alloc.Participant);
            }
        }
        if (!Context.Has(DefectId.OmittedParticipantKeepsShare))
            Conservation.ZeroOmittedShares(state, session.SessionId, allocations, now);
        return Conservation.Verify(totals, listed, state.Order);
    }
}
