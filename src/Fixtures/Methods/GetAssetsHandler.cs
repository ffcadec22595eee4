using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_assets</c> with optional <c>chain_id</c> filter (clearnode-rpc.md §7).</summary>
public sealed class GetAssetsHandler(IReadOnlyList<NodeAsset> assets) : ParamsHandler<uint?>("get_assets", isPrivate: false)
{
    /// <inheritdoc />
    // A pointer field in Go: absent/null means "no filter", an explicit 0 filters on chain 0.
    protected override uint? Decode(ParamReader p) => p.Has("chain_id") ? p.UInt32("chain_id") : null;

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, uint? chainId) => MethodOutcome.Ok(AssetList.Payload(assets, chainId));
}
