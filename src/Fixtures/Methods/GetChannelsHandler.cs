using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_channels</c> (public): this node has no on-chain channels, so the list is always empty after params parse.</summary>
public sealed class GetChannelsHandler : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_channels";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        if (!GoParams.TryFrom(call.Params, out var p)
            || !p.TryUInt("offset", uint.MaxValue, out _)
            || !p.TryUInt("limit", uint.MaxValue, out _)
            || !p.TryString("sort", out _)
            || !p.TryString("participant", out _)
            || !p.TryString("status", out _))
        {
            return MethodOutcome.Fail("failed to parse parameters");
        }
        return MethodOutcome.Ok(new JsonObject { ["channels"] = new JsonArray() });
    }
}
