using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>ping</c>: any non-null params, answered as <c>pong</c> with a null result (clearnode-rpc.md §7).</summary>
public sealed class PingHandler : IRpcMethodHandler
{
    /// <summary>Response method name.</summary>
    public const string ResponseMethod = "pong";

    /// <inheritdoc />
    public string Method => "ping";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call) => MethodOutcome.Ok(null);
}
