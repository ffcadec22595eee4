using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Auth;
using NitroConformance.Fixtures.Envelope;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Routing;
using NitroConformance.Fixtures.Transport;

namespace NitroConformance.Fixtures.Relay;

/// <summary>
/// The legacy app-message relay (an extension, off by default; clearnode-rpc.md §6.4 history). A <c>message</c>
/// request with the <c>sid</c> of an open app session, sent by an authenticated participant and signed by that
/// participant (directly or through one of its active session keys), is written verbatim to every connection of
/// every other participant. The sender gets a signed <c>message</c> response. See docs/reference-node.md.
/// </summary>
public sealed class AppMessageRelay(NodeRuntime node)
{
    /// <summary>The relayed method name.</summary>
    public const string Method = "message";

    /// <summary>Checks and relays one request; returns the outcome to answer the sender with.</summary>
    public MethodOutcome Handle(NodeConnection sender, InboundRequest request, DateTimeOffset now)
    {
        var middlewareError = PrivateMiddleware.Check(node, sender, request.Timestamp);
        if (middlewareError is not null) return MethodOutcome.Fail(middlewareError);

        if (string.IsNullOrEmpty(request.Sid)) return MethodOutcome.Fail("missing app session id");
        var session = node.FindAppSession(request.Sid);
        if (session is null) return MethodOutcome.Fail($"app session not found: {request.Sid}");
        if (!session.IsOpen) return MethodOutcome.Fail($"app session is closed: {request.Sid}");

        var wallet = sender.Wallet!;
        if (!session.Participants.Contains(wallet, StringComparer.Ordinal))
            return MethodOutcome.Fail($"sender is not a participant of app session {request.Sid}");

        var signedBySender = request.Signatures.Any(sig =>
        {
            var signer = RequestSignature.Recover(request.RawReq, sig);
            return signer is not null && (node.SessionKeys.WalletFor(signer, now) ?? signer) == wallet;
        });
        if (!signedBySender) return MethodOutcome.Fail("message must be signed by the sender");

        var delivered = 0;
        foreach (var participant in session.Participants.Distinct(StringComparer.Ordinal).Where(p => p != wallet))
        {
            foreach (var connection in node.Hub.BoundTo(participant))
            {
                connection.Enqueue(OutboundFrame.Verbatim(request.FrameText));
                delivered++;
            }
        }
        return MethodOutcome.Ok(new JsonObject { ["app_session_id"] = request.Sid, ["delivered"] = delivered });
    }
}
