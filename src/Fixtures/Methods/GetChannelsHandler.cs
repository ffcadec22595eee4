using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_channels</c> (public): this node has no on-chain channels, so the list is always empty after params parse.</summary>
public sealed class GetChannelsHandler() : ParamsHandler<bool>("get_channels", isPrivate: false)
{
    /// <inheritdoc />
    // Only the field types are checked: with no channels every filter gives the same empty list.
    protected override bool Decode(ParamReader p)
    {
        _ = (p.UInt32("offset"), p.UInt32("limit"), p.String("sort"), p.String("participant"), p.String("status"));
        return true;
    }

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, bool _) => MethodOutcome.Ok(new JsonObject { ["channels"] = new JsonArray() });
}
