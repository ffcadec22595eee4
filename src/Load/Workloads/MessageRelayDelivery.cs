using System.Text.Json.Nodes;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Legacy app-message relay: the sender's <c>message</c> request (with <c>sid</c> and a <c>seq</c> payload field) is
/// relayed to every other participant as a request frame. A v0.5 node has no such method and answers
/// "unknown method: message"; the embedded node relays when started with its relay switch on.
/// </summary>
public sealed class MessageRelayDelivery : FanOutDelivery
{
    /// <inheritdoc/>
    public override string WorkloadName => "app-message";
    /// <inheritdoc/>
    public override string RecipientMetric => "message";
    /// <inheritdoc/>
    public override string LastMetric => "message.last";
    /// <inheritdoc/>
    public override string SendMetric => "message.send";
    /// <inheritdoc/>
    public override string Noun => "messages";
    /// <inheritdoc/>
    public override bool SenderReceives => false;
    /// <inheritdoc/>
    public override bool ArrivesAsPush => false;

    /// <inheritdoc/>
    public override string Describe(BroadcastOptions options) => "legacy message with sid, relayed to the other participants";

    internal override SignedRequest Sign(BroadcastSession session, ulong version, BroadcastOptions options)
    {
        var sender = session.SubmitterFor(version);
        return RpcFrames.SignRequest(
            Requests.AppMessage(sender.Client.NextRequestId(), session.Id, new JsonObject { ["seq"] = version, ["type"] = "load" }, sender.Client.NowMs()),
            [sender.Wallet]);
    }

    // Relayed messages are request frames, so they reach the client's unmatched-frame queue, not the push observer.
    internal override IEnumerable<Task> Listen(IReadOnlyList<BroadcastSession> sessions, Action<BroadcastSession, int, RpcFrame> onFrame, CancellationToken stop) =>
        sessions.SelectMany(s => Enumerable.Range(0, s.Members.Length).Select(p => ReadAsync(s, p, onFrame, stop))).ToList();

    private static async Task ReadAsync(BroadcastSession own, int position, Action<BroadcastSession, int, RpcFrame> onFrame, CancellationToken stop)
    {
        var client = own.Members[position].Client;
        while (!stop.IsCancellationRequested && client.IsConnected)
        {
            RpcFrame frame;
            try
            {
                frame = await client.NextResponseAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception) when (stop.IsCancellationRequested || !client.IsConnected)
            {
                return;
            }
            catch (RpcFrameFormatException)
            {
                continue;
            }
            onFrame(own, position, frame);
        }
    }

    /// <inheritdoc/>
    public override bool TryRead(RpcFrame frame, out string sessionId, out ulong version)
    {
        sessionId = frame.Sid ?? "";
        version = frame.Params?["seq"] is JsonValue v && v.TryGetValue<ulong>(out var n) ? n : 0;
        return frame.Method == RpcMethods.Message && frame.Kind == RpcFrameKind.Request;
    }
}
