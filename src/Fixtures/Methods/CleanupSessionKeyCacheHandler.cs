using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>cleanup_session_key_cache</c>: a test-mode endpoint; this node runs in production mode, so it always refuses.</summary>
public sealed class CleanupSessionKeyCacheHandler : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "cleanup_session_key_cache";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call) => MethodOutcome.Fail("test mode endpoints are disabled");
}
