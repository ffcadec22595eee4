using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_assets</c> with optional <c>chain_id</c> filter (clearnode-rpc.md §7).</summary>
public sealed class GetAssetsHandler(IReadOnlyList<NodeAsset> assets) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_assets";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        if (!GoParams.TryFrom(call.Params, out var p)) return MethodOutcome.Fail("failed to parse parameters");
        var node = p.Get("chain_id");
        if (!GoParams.TryUInt(node, uint.MaxValue, out var chain)) return MethodOutcome.Fail("failed to parse parameters");
        // A pointer field in Go: absent/null means "no filter", an explicit 0 filters on chain 0.
        return MethodOutcome.Ok(AssetList.Payload(assets, node is null ? null : (uint)chain));
    }
}
