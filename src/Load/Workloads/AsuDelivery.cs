using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Broadcast by <c>submit_app_state</c>: the node pushes <c>asu</c> with the new version to every participant, the
/// submitter included (Go clearnode <c>app_session_service.go</c> ~line 595: one notification per participant after the update).
/// </summary>
public sealed class AsuDelivery : FanOutDelivery
{
    /// <summary>Per-recipient push latency.</summary>
    public const string Recipient = "broadcast";
    /// <summary>Latency of the last recipient of each event.</summary>
    public const string Last = "broadcast.last";
    /// <summary>Submitter's response latency.</summary>
    public const string Submit = "broadcast.submit";

    /// <inheritdoc/>
    public override string WorkloadName => "broadcast";
    /// <inheritdoc/>
    public override string RecipientMetric => Recipient;
    /// <inheritdoc/>
    public override string LastMetric => Last;
    /// <inheritdoc/>
    public override string SendMetric => Submit;
    /// <inheritdoc/>
    public override string Noun => "submits";
    /// <inheritdoc/>
    public override bool SenderReceives => true;
    /// <inheritdoc/>
    public override bool ArrivesAsPush => true;

    /// <inheritdoc/>
    public override string Describe(BroadcastOptions options) =>
        options.Protocol == "0.4" ? "NitroRPC/0.4 submit_app_state intent operate" : "NitroRPC/0.2 submit_app_state";

    internal override SignedRequest Sign(BroadcastSession session, ulong version, BroadcastOptions options)
    {
        var submitter = session.SubmitterFor(version);
        var parameters = options.Protocol == "0.4"
            ? Requests.SubmitAppState(session.Id, "operate", version, [], $"{{\"v\":{version}}}")
            : Requests.SubmitAppState(session.Id, [], $"{{\"v\":{version}}}");
        return RpcFrames.SignRequest(submitter.Client.CreateRequest(RpcMethods.SubmitAppState, parameters), [submitter.Wallet]);
    }

    /// <inheritdoc/>
    public override bool TryRead(RpcFrame frame, out string sessionId, out ulong version) => AsuPush.TryRead(frame, out sessionId, out version);
}
