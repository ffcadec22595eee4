using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Auth;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Envelope;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Methods;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Fixtures.Relay;
using NitroConformance.Fixtures.Transport;

namespace NitroConformance.Fixtures.Routing;

/// <summary>
/// The request pipeline of clearnode-rpc.md §3: decode → validate → method lookup → middleware → handler,
/// then pushes and the response queued in order. One request at a time node-wide under the state lock.
/// </summary>
public sealed class RpcRouter
{
    /// <summary>Fallback text for a handler that failed unexpectedly (§3.4).</summary>
    public const string InternalError = "an error occurred while processing the request";

    private readonly NodeRuntime _node;
    private readonly Dictionary<string, IRpcMethodHandler> _handlers = new(StringComparer.Ordinal);
    private readonly AuthService _auth;
    private readonly AppMessageRelay? _relay;
    private readonly RpcHistory _history;

    /// <summary>Creates the router with the node-core handlers registered.</summary>
    public RpcRouter(NodeRuntime node)
    {
        _node = node;
        _auth = new AuthService(node);
        _relay = node.Options.AppMessageRelay ? new AppMessageRelay(node) : null;
        _history = node.History;
        Register(new PingHandler());
        Register(new GetConfigHandler(node.Broker.Address, node.Options.EffectiveNetworks()));
        Register(new GetAssetsHandler(node.Options.Assets));
        Register(new GetUserTagHandler(node.UserTags));
        Register(new GetSessionKeysHandler(node));
        Register(new RevokeSessionKeyHandler(node.SessionKeys));
        Register(new GetRpcHistoryHandler(_history));
        Register(new CleanupSessionKeyCacheHandler());
        Register(new GetChannelsHandler());
    }

    /// <summary>Adds or replaces a method handler.</summary>
    public void Register(IRpcMethodHandler handler) => _handlers[handler.Method] = handler;

    /// <summary>Names of every routed method.</summary>
    public IEnumerable<string> Methods =>
        _handlers.Keys.Concat([AuthService.AuthRequestMethod, AuthService.AuthVerifyMethod]);

    /// <summary>Queues the on-connect <c>assets</c> push.</summary>
    public void OnConnected(NodeConnection connection)
    {
        lock (_node.StateLock)
        {
            connection.Enqueue(_node.Signer.Build(0, "assets", AssetList.Payload(_node.Options.Assets), _node.NowMs()));
        }
    }

    /// <summary>
    /// Handles one inbound message; never throws for bad input. Under the Go profile the two inputs that crash the Go
    /// node kill this node instead of being answered (<see cref="NodeRuntime.Die"/>).
    /// </summary>
    public void Process(NodeConnection connection, string text)
    {
        lock (_node.StateLock)
        {
            if (_node.IsDead) return;
            var goFaithful = _node.Behaviour.GoFaithful;
            InboundRequest? request = null;
            try
            {
                (request, var failure) = EnvelopeDecoder.Decode(text);
                if (failure is { NilRequest: true } && goFaithful)
                    throw new GoPanicException("runtime error: invalid memory address or nil pointer dereference", "rpc_node.go ~l.170-173");
                if (failure is not null)
                {
                    var id = failure.RequestId == 0 ? _node.NowMs() : failure.RequestId;
                    connection.Enqueue(_node.Signer.BuildError(id, failure.Error, _node.NowMs()));
                    return;
                }
                Dispatch(connection, request!);
            }
            catch (GoPanicException panic)
            {
                _node.Die(panic);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A handler bug must not take the connection or the node down.
                var id = request?.RequestId ?? _node.NowMs();
                connection.Enqueue(_node.Signer.BuildError(id, InternalError, _node.NowMs()));
            }
        }
    }

    private void Dispatch(NodeConnection connection, InboundRequest request)
    {
        var now = _node.Clock.GetUtcNow();
        var call = new RpcCall(connection.Wallet, request.RequestId, request.Method, request.Params,
            request.RawReq, request.Signatures, now);

        switch (request.Method)
        {
            case AuthService.AuthRequestMethod:
                Complete(connection, request, _auth.Request(call));
                return;
            case AuthService.AuthVerifyMethod:
                Complete(connection, request, _auth.Verify(call));
                return;
            case AppMessageRelay.Method when _relay is not null:
                Respond(connection, request, request.Method, _relay.Handle(connection, request, now));
                return;
        }

        if (!_handlers.TryGetValue(request.Method, out var handler))
        {
            Respond(connection, request, request.Method, MethodOutcome.Fail($"unknown method: {request.Method}"));
            return;
        }

        if (handler.IsPrivate)
        {
            var error = PrivateMiddleware.Check(_node, connection, request.Timestamp);
            if (error is not null)
            {
                Respond(connection, request, request.Method, MethodOutcome.Fail(error));
                return;
            }
        }

        var outcome = handler.Handle(call);
        var responseMethod = handler is PingHandler ? PingHandler.ResponseMethod : request.Method;
        var responseArray = Respond(connection, request, responseMethod, outcome);
        if (handler.IsPrivate && RpcHistory.Methods.Contains(request.Method))
            _history.Record(connection.Wallet ?? "", request, responseArray);
    }

    private void Complete(NodeConnection connection, InboundRequest request, AuthService.AuthOutcome auth)
    {
        var changed = auth.Bind is not null && connection.Bind(auth.Bind);
        Respond(connection, request, auth.ResponseMethod, auth.Outcome);
        if (!changed) return;
        // Post-auth pushes go to this connection only, after the response (§5.4, §6.3).
        var wallet = auth.Bind!.Wallet;
        connection.Enqueue(_node.Signer.Build(0, "channels", new JsonObject { ["channels"] = new JsonArray() }, _node.NowMs()));
        connection.Enqueue(_node.Signer.Build(0, "bu", _node.BalancePayload(wallet), _node.NowMs()));
    }

    // Queues the pushes, then the response; returns the response's res array text.
    private string Respond(NodeConnection connection, InboundRequest request, string responseMethod, MethodOutcome outcome)
    {
        foreach (var notification in outcome.Notifications) Deliver(notification);
        var frame = outcome.IsError
            ? _node.Signer.BuildError(request.RequestId, outcome.Error!, _node.NowMs())
            : _node.Signer.Build(request.RequestId, responseMethod, outcome.Result, _node.NowMs());
        connection.Enqueue(frame);
        // The Go node writes once per request (rpc_node.go processMessages ~l.219); the seeded defect writes the frame again.
        if (_node.Has(DefectId.ResponseSentTwice)) connection.Enqueue(frame);
        return frame.ResJson!;
    }

    /// <summary>Writes a push to every connection bound to its wallet (exact string match).</summary>
    private void Deliver(Notification notification)
    {
        var frame = _node.Signer.Build(0, notification.Method, notification.Payload, _node.NowMs());
        foreach (var connection in _node.Hub.BoundTo(notification.Wallet)) connection.Enqueue(frame);
    }
}
