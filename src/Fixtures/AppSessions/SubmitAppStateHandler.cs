using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>submit_app_state</c> (app-sessions.md §5): steps S1–S7 and the operate/deposit/withdraw rules.</summary>
public sealed class SubmitAppStateHandler(LedgerContext context)
    : LedgerWriteHandler<SubmitAppStateHandler.SubmitParams>(context, "submit_app_state", "failed to submit app state")
{
    /// <summary>The Go <c>SubmitAppStateParams</c>.</summary>
    public sealed record SubmitParams(string SessionId, string Intent, ulong Version, IReadOnlyList<AllocationParam> Allocations, string? SessionData);

    /// <inheritdoc />
    protected override SubmitParams Decode(ParamReader p) =>
        new(p.String("app_session_id"), p.String("intent"), p.UInt64("version"), AllocationParam.ListFrom(p), p.OptionalString("session_data"));

    /// <inheritdoc />
    protected override MethodOutcome HandleChecked(RpcCall call, SubmitParams parameters)
    {
        var (sessionId, intent, version, allocations, sessionData) = parameters;

        var now = Context.Now;
        var signers = SignerSet.Recover(Context, call, now);
        if (signers is null) return Fail(call, "failed to get wallets from RPC message");

        var state = Context.State;
        var session = OpenSessionUpdate.FindOpen(Context, sessionId);
        if (session is null) return Fail(call, OpenSessionUpdate.NotFoundError);

        switch (session.Protocol)
        {
            case AppProtocols.V04:
                if (version != session.Version + 1 && !VersionDefectAccepts(session, version))
                    return Fail(call, $"incorrect app state: incorrect version: expected {session.Version + 1}, got {version}");
                break;
            case AppProtocols.V02:
                if (intent != "" || version != 0)
                {
                    if (!Context.Has(DefectId.AcceptIntentVersionOnV02))
                        return Fail(call, "incorrect request: specified parameters are not supported in this protocol");
                    intent = ""; // the defect ignores both
                }
                break;
            default:
                return Fail(call, $"incorrect app state: unsupported protocol: {session.Protocol}");
        }

        if (OpenSessionUpdate.Authorize(Context, session, signers, intent, now) is { } authError)
            return Fail(call, authError);
        if (intent is not ("" or AppIntents.Operate or AppIntents.Deposit or AppIntents.Withdraw))
            return Fail(call, $"incorrect app state: unsupported intent: {intent}");
        if (OpenSessionUpdate.DuplicateAllocations(Context, allocations) is { } duplicate)
            return Fail(call, duplicate);

        var savepoint = state.Savepoint();
        var update = new AppStateUpdate(Context, session, signers, now);
        var error = intent switch
        {
            AppIntents.Deposit => update.Deposit(allocations),
            AppIntents.Withdraw => update.Withdraw(allocations),
            _ => update.Operate(allocations),
        };
        if (error is not null)
        {
            state.RollbackTo(savepoint);
            return Fail(call, error);
        }

        OpenSessionUpdate.Stamp(session, sessionData, now,
            bumpVersion: !(session.Protocol == AppProtocols.V02 && Context.Has(DefectId.NoVersionBumpOnV02Submit)));

        var pushes = update.BalanceChanged.Select(w => BalanceNotifications.For(state, w)).ToList();
        if (!Context.Has(DefectId.AsuNotSent))
        {
            // Go lists the allocations afresh for every participant's push (app_session_service.go ~l.594-597).
            var random = state.Order.IsRandom;
            var payload = random ? null : AppSessionJson.AsuPayload(state, session);
            foreach (var participant in session.Participants)
            {
                if (Context.Has(DefectId.AsuNotSentToSender) && participant == call.CallerWallet) continue;
                pushes.Add(new Notification(participant, "asu", payload?.DeepClone() ?? AppSessionJson.AsuPayload(state, session)));
            }
        }
        return BalancePushOutcomes.Ok(Context, call, AppSessionJson.MutationResult(sessionId, AppSessionStatus.Open, session.Version), pushes);
    }

    private bool VersionDefectAccepts(AppSessionRecord session, ulong version) =>
        version <= session.Version && Context.Has(DefectId.AcceptStaleVersion)
        || version > session.Version + 1 && Context.Has(DefectId.AcceptSkippedVersion);
}
