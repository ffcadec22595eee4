using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The send path every request step shares: optional ledger snapshot, push settling, signing, sending, judging, and the <c>unchanged</c> check.</summary>
public sealed class StepRequestSender(CaseState state)
{
    /// <summary>The response timeout of <paramref name="step"/>.</summary>
    public TimeSpan Timeout(Step step) => TimeSpan.FromMilliseconds(step.TimeoutMs ?? state.Settings.RequestTimeoutMs);

    /// <summary>The sender when a step names none: the owner of the first signer, else the scenario's first wallet.</summary>
    public string DefaultSender(Step step) =>
        step.As ?? (step.Signers is { Count: > 0 } sg ? CaseState.OwnerOf(sg[0]) : state.Case.Scenario.Wallets[0].Name);

    /// <summary>Builds, signs (as <paramref name="signerRefs"/>) and sends <paramref name="method"/>, then judges the answer.</summary>
    public async Task<(Outcome, string)> SendAsync(Step step, string method, JsonNode parameters, IReadOnlyList<string> signerRefs,
        List<Exchange> exchanges, CancellationToken ct, Func<RpcOutcome, string?>? onSuccess)
    {
        var sender = step.As ?? (signerRefs.Count > 0 ? CaseState.OwnerOf(signerRefs[0]) : state.FirstConnected());
        var conn = state.Connection(sender);
        var signers = signerRefs.Select(state.Signer).ToList();
        var snapshot = await PrepareAsync(step, ct).ConfigureAwait(false);
        var ts = (ulong)Math.Max(1, (long)conn.Client.NowMs() + step.TimestampOffsetMs);
        var request = new RpcRequest(state.RequestIdFor(conn), method, parameters, ts);
        var signed = SignedFrameBuilder.Build(request, signers, step.SignatureForm);
        state.LastRequest = (sender, signed);
        var r = await conn.SendSignedAsync(signed, Timeout(step), ct).ConfigureAwait(false);
        state.LastResponse = (sender, r.Response);
        exchanges.Add(new Exchange($"{sender}: {method}", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
        var judged = Judge(step, r, onSuccess);
        return await ConfirmUnchangedAsync(step, snapshot, judged, ct).ConfigureAwait(false);
    }

    /// <summary>Run just before sending: takes the ledger snapshot when the step expects <c>unchanged</c>, then settles pushes.</summary>
    public async Task<LedgerSnapshot?> PrepareAsync(Step step, CancellationToken ct)
    {
        var snapshot = step.Expect.Unchanged ? await LedgerSnapshot.TakeAsync(state, Timeout(step), ct).ConfigureAwait(false) : null;
        await PushSettling.BeforeSendAsync(state, step, ct).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Fails a passing verdict when the ledger differs from <paramref name="before"/> (no snapshot: the verdict as is).</summary>
    public async Task<(Outcome, string)> ConfirmUnchangedAsync(Step step, LedgerSnapshot? before, (Outcome, string) judged, CancellationToken ct)
    {
        if (before is null || judged.Item1 == Outcome.Failed) return judged;
        var after = await LedgerSnapshot.TakeAsync(state, Timeout(step), ct).ConfigureAwait(false);
        var diff = before.Diff(after);
        return diff.Count == 0 ? judged : (Outcome.Failed, $"{judged.Item2}, but state changed: {string.Join("; ", diff)}");
    }

    /// <summary>Judges <paramref name="r"/> against the step's expectation.</summary>
    public (Outcome, string) Judge(Step step, RpcOutcome r, Func<RpcOutcome, string?>? onSuccess) =>
        ExpectationJudge.Judge(state, step, r, onSuccess);
}
