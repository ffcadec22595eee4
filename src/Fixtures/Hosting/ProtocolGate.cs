using System.Text.Json.Nodes;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>
/// Refuses <c>create_app_session</c> for protocols switched off in <see cref="ReferenceNodeOptions.Protocols"/>
/// with the text the create handler uses for unknown protocols (plus the caller's balance push); everything else
/// goes to the wrapped handler.
/// </summary>
public sealed class ProtocolGate(IRpcMethodHandler inner, IReadOnlySet<string> enabled, NodeLedgerState ledger) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => inner.Method;

    /// <inheritdoc />
    public bool IsPrivate => inner.IsPrivate;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        if (call.Params is JsonObject p && p["definition"] is JsonObject d && d["protocol"] is JsonValue v
            && v.TryGetValue<string>(out var protocol) && !enabled.Contains(protocol))
        {
            var pushes = call.CallerWallet is null ? [] : new[] { BalanceNotifications.For(ledger, call.CallerWallet) };
            return MethodOutcome.Fail($"unsupported protocol: {protocol}", pushes);
        }
        return inner.Handle(call);
    }
}
