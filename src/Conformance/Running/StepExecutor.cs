using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Executes one scenario step against the target and judges the answer, by handing it to the step family that owns its action.</summary>
public sealed class StepExecutor
{
    private readonly CaseState _state;
    private readonly AppSessionSteps _appSessions;
    private readonly TransferQuerySteps _transferQuery;
    private readonly RawSteps _raw;
    private readonly AuthSteps _auth;
    private readonly LedgerCheckStep _check;
    private readonly PushWaitStep _pushWait;

    /// <summary>An executor for the steps of one case.</summary>
    public StepExecutor(CaseState state)
    {
        _state = state;
        var sender = new StepRequestSender(state);
        _appSessions = new AppSessionSteps(state, sender);
        _transferQuery = new TransferQuerySteps(state, sender);
        _raw = new RawSteps(state, sender);
        _auth = new AuthSteps(state, sender);
        _check = new LedgerCheckStep(state, sender);
        _pushWait = new PushWaitStep(state);
    }

    /// <summary>Runs <paramref name="step"/>; returns its outcome and message, recording frames in <paramref name="exchanges"/>.</summary>
    public Task<(Outcome, string)> RunAsync(StepSpec step, List<Exchange> exchanges, CancellationToken ct)
    {
        _state.StepRequestId = null;
        return step.Do switch
        {
            "resend" => _raw.ResendAsync(step, exchanges, ct),
            "create" => _appSessions.CreateAsync(step, exchanges, ct),
            "submit" => _appSessions.SubmitAsync(step, exchanges, ct),
            "close" => _appSessions.CloseAsync(step, exchanges, ct),
            "transfer" => _transferQuery.TransferAsync(step, exchanges, ct),
            "query" or "request" => _transferQuery.QueryAsync(step, exchanges, ct),
            "raw" => _raw.RawAsync(step, exchanges, ct),
            "check" => _check.CheckAsync(step, exchanges, ct),
            "wait_push" => _pushWait.WaitPushAsync(step, exchanges, ct),
            "auth" => _auth.AuthAsync(step, exchanges, ct),
            "reauth" => _auth.ReauthAsync(step, exchanges, ct),
            "revoke" => _auth.RevokeAsync(step, exchanges, ct),
            _ => throw new StepFailure(Outcome.Failed, $"unknown action '{step.Do}'"),
        };
    }
}
