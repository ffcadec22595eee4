using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Ledger;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>submit_app_state</c> (app-sessions.md §5): steps S1–S7 and the operate/deposit/withdraw rules.</summary>
public sealed class SubmitAppStateHandler(LedgerContext context) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "submit_app_state";

    /// <inheritdoc />
    public bool IsPrivate => true;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call) =>
        OverflowGuard.Run(context.State, () => HandleChecked(call), () => BalancePushOutcomes.Fail(context, call, "failed to submit app state"));

    private MethodOutcome HandleChecked(RpcCall call)
    {
        string sessionId, intent;
        ulong version;
        IReadOnlyList<AllocationParam> allocations;
        string? sessionData;
        try
        {
            var p = ParamReader.From(call.Params);
            sessionId = p.String("app_session_id");
            intent = p.String("intent");
            version = p.UInt64("version");
            allocations = AllocationParam.ListFrom(p);
            sessionData = p.OptionalString("session_data");
        }
        catch (ParamDecodeException)
        {
            return BalancePushOutcomes.Fail(context, call, "failed to parse parameters");
        }

        var now = context.Now;
        var signers = SignerSet.Recover(context, call, now);
        if (signers is null) return BalancePushOutcomes.Fail(context, call, "failed to get wallets from RPC message");

        var state = context.State;
        var session = OpenSessionUpdate.FindOpen(context, sessionId);
        if (session is null) return BalancePushOutcomes.Fail(context, call, OpenSessionUpdate.NotFoundError);

        switch (session.Protocol)
        {
            case AppProtocols.V04:
                if (version != session.Version + 1 && !VersionDefectAccepts(session, version))
                    return BalancePushOutcomes.Fail(context, call, $"incorrect app state: incorrect version: expected {session.Version + 1}, got {version}");
                break;
            case AppProtocols.V02:
                if (intent != "" || version != 0)
                {
                    if (!context.Has(DefectId.AcceptIntentVersionOnV02))
                        return BalancePushOutcomes.Fail(context, call, "incorrect request: specified parameters are not supported in this protocol");
                    intent = ""; // the defect ignores both
                }
                break;
            default:
                return BalancePushOutcomes.Fail(context, call, $"incorrect app state: unsupported protocol: {session.Protocol}");
        }

        if (OpenSessionUpdate.Authorize(context, session, signers, intent, now) is { } authError)
            return BalancePushOutcomes.Fail(context, call, authError);
        if (intent is not ("" or AppIntents.Operate or AppIntents.Deposit or AppIntents.Withdraw))
            return BalancePushOutcomes.Fail(context, call, $"incorrect app state: unsupported intent: {intent}");
        if (OpenSessionUpdate.DuplicateAllocations(context, allocations) is { } duplicate)
            return BalancePushOutcomes.Fail(context, call, duplicate);

        var savepoint = state.Savepoint();
        var update = new AppStateUpdate(context, session, signers, now);
        var error = intent switch
        {
            AppIntents.Deposit => update.Deposit(allocations),
            AppIntents.Withdraw => update.Withdraw(allocations),
            _ => update.Operate(allocations),
        };
        if (error is not null)
        {
            state.RollbackTo(savepoint);
            return BalancePushOutcomes.Fail(context, call, error);
        }

        OpenSessionUpdate.Stamp(session, sessionData, now,
            bumpVersion: !(session.Protocol == AppProtocols.V02 && context.Has(DefectId.NoVersionBumpOnV02Submit)));

        var pushes = update.BalanceChanged.Select(w => BalanceNotifications.For(state, w)).ToList();
        if (!context.Has(DefectId.AsuNotSent))
        {
            var payload = AppSessionJson.AsuPayload(state, session);
            foreach (var participant in session.Participants)
            {
                if (context.Has(DefectId.AsuNotSentToSender) && participant == call.CallerWallet) continue;
                pushes.Add(new Notification(participant, "asu", payload.DeepClone()));
            }
        }
        return BalancePushOutcomes.Ok(context, call, AppSessionJson.MutationResult(sessionId, AppSessionStatus.Open, session.Version), pushes);
    }

    private bool VersionDefectAccepts(AppSessionRecord session, ulong version) =>
        version <= session.Version && context.Has(DefectId.AcceptStaleVersion)
        || version > session.Version + 1 && context.Has(DefectId.AcceptSkippedVersion);
}
