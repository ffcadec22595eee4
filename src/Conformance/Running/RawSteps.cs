using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Conformance.Templates;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Conformance.Running;

/// <summary>Steps that send frames as given: raw text (on a wallet's or an anonymous connection) and resend of the last request.</summary>
public sealed class RawSteps(CaseState state, StepRequestSender sender)
{
    /// <summary>Sends the step's frame text and judges the one response, or with <c>expect: none</c> requires silence.</summary>
    public async Task<(Outcome, string)> RawAsync(RawStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var frame = RenderFrame(step);
        await PushSettling.BeforeSendAsync(state, step, ct).ConfigureAwait(false);
        var owner = step.Connection ?? step.As ?? state.FirstConnected();
        // "anonymous" is a throwaway connection that never authenticated.
        var own = owner == "anonymous" ? await state.OpenConnectionAsync("anonymous", ct).ConfigureAwait(false) : null;
        try
        {
            var conn = own ?? state.Connection(owner);
            if (step.Expect.NoResponse) return await SilenceAsync(step, conn, owner, frame, exchanges, ct).ConfigureAwait(false);
            var r = await conn.SendRawAsync(frame, sender.Timeout(step), ct).ConfigureAwait(false);
            exchanges.Add(new Exchange($"raw ({owner})", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
            var judged = sender.Judge(step, r, null);
            return step.ResponseId is null ? judged : CheckId(state.Render(step.ResponseId), r.Response.RequestId, judged);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The frame with its placeholders filled; with signers, their signatures over the req text as written (or over
    // signed_req) stand where {req_sigs} was.
    private string RenderFrame(RawStep step)
    {
        if (step.Signers is null) return state.Render(step.Frame!);
        var marker = $"\"{Guid.NewGuid():N}\"";
        var frame = TemplateRenderer.Render(step.Frame!, new DictionaryScope(new Dictionary<string, string> { ["req_sigs"] = marker }, state));
        var req = FrameReqText.Find(frame)
            ?? throw new StepFailure(Outcome.Failed, $"raw: signers need a frame that is an object with a req value: {frame}");
        var at = frame.IndexOf(marker, StringComparison.Ordinal);
        if (at >= req.Start && at < req.Start + req.Length)
            throw new StepFailure(Outcome.Failed, $"raw: {RawStep.SignaturesPlaceholder} must stand outside req, whose text the signatures cover");
        var signed = step.SignedReq is null ? frame.Substring(req.Start, req.Length) : state.Render(step.SignedReq);
        var digest = SignedFrameBuilder.Digest(signed, "raw");
        var signatures = step.Signers.Select(name => JsJson.Quote(state.Signer(name).SignHashHex(digest)));
        return frame.Replace(marker, "[" + string.Join(',', signatures) + "]", StringComparison.Ordinal);
    }

    // Which id an error carries says how far the node decoded the frame (clearnode-rpc.md §3.2).
    private static (Outcome, string) CheckId(string expected, ulong actual, (Outcome Outcome, string Message) judged) =>
        actual.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected
            ? judged
            : (Outcome.Failed, $"the response carries id {actual}, expected {expected}; {judged.Message}");

    private async Task<(Outcome, string)> SilenceAsync(RawStep step, CaseConnection conn, string owner, string frame, List<Exchange> exchanges, CancellationToken ct)
    {
        var window = TimeSpan.FromMilliseconds(step.WithinMs ?? state.Settings.AbsenceWindowMs);
        var answer = await conn.SendRawExpectingSilenceAsync(frame, window, ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"raw ({owner}), no answer expected", frame, answer, DateTimeOffset.UtcNow));
        return answer is null
            ? (Outcome.Ok, $"no response within {window.TotalMilliseconds:0} ms, as required")
            : (Outcome.Failed, $"expected no response to the frame, but the target answered: {answer}");
    }

    /// <summary>Sends the last request frame of the case again, byte for byte (replay).</summary>
    public async Task<(Outcome, string)> ResendAsync(ResendStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var (owner, request) = state.LastRequest
            ?? throw new StepFailure(Outcome.Failed, "resend: no request frame has been sent by an earlier step of this case");
        var from = step.Connection ?? step.As ?? owner;
        var conn = state.Connection(from);
        var snapshot = await sender.PrepareAsync(step, ct).ConfigureAwait(false);
        var r = await conn.SendSignedAsync(request, sender.Timeout(step), ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{from}: {request.Method} (resent byte for byte)", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
        var judged = sender.Judge(step, r, null);
        return await sender.ConfirmUnchangedAsync(step, snapshot, judged, ct).ConfigureAwait(false);
    }
}
