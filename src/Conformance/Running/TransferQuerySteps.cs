using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The transfer step and the generic query / request steps (any method with the step's params).</summary>
public sealed class TransferQuerySteps(CaseState state, StepRequestSender sender)
{
    /// <summary>transfer from the sender to a wallet, an address or a tag.</summary>
    public async Task<(Outcome, string)> TransferAsync(TransferStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var allocations = step.Allocations
            .Select(a => new TransferAllocation(state.Settings.Asset(state.Render(a.Asset)), state.Render(a.Amount))).ToList();
        var p = Requests.Transfer(step.To.Count > 0 ? state.Address(step.To[0]) : null, allocations,
            step.ToTag is null ? null : state.Render(step.ToTag));
        var from = sender.DefaultSender(step);
        return await sender.SendAsync(step with { As = from }, RpcMethods.Transfer, p, step.Signers ?? [from], exchanges, ct, null).ConfigureAwait(false);
    }

    /// <summary>Sends <c>method</c> with <c>params</c> (rendered) signed by the step's signers, or unsigned.</summary>
    public async Task<(Outcome, string)> QueryAsync(QueryStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var p = step.Params is null ? new JsonObject() : JsonMatch.ToJson(step.Params, state) ?? JsonValue.Create((string?)null);
        return await sender.SendAsync(step, state.Render(step.Method!), p!, step.Signers ?? [], exchanges, ct, ResultSaver.For(state, step.Save))
            .ConfigureAwait(false);
    }
}
