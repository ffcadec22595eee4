using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>Executes one scenario step against the target and judges the answer, by matching its record type to the handler of its action.</summary>
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
    public Task<(Outcome, string)> RunAsync(Step step, List<Exchange> exchanges, CancellationToken ct)
    {
        _state.StepRequestId = null;
        _state.StepNowMs = null;
        return step switch
        {
            ResendStep s => _raw.ResendAsync(s, exchanges, ct),
            CreateStep s => _appSessions.CreateAsync(s, exchanges, ct),
            SubmitStep s => _appSessions.SubmitAsync(s, exchanges, ct),
            CloseStep s => _appSessions.CloseAsync(s, exchanges, ct),
            TransferStep s => _transferQuery.TransferAsync(s, exchanges, ct),
            QueryStep s => _transferQuery.QueryAsync(s, exchanges, ct),
            RawStep s => _raw.RawAsync(s, exchanges, ct),
            CheckStep s => _check.CheckAsync(s, exchanges, ct),
            WaitPushStep s => _pushWait.WaitPushAsync(s, exchanges, ct),
            AuthStep s => _auth.AuthAsync(s, exchanges, ct),
            ReauthStep s => _auth.ReauthAsync(s, exchanges, ct),
            RevokeStep s => _auth.RevokeAsync(s, exchanges, ct),
            _ => throw new StepFailure(Outcome.Failed, $"no handler for {step.Action} steps ({step.GetType().Name})"),
        };
    }
}
