using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Methods;

/// <summary>The <c>{"assets":[…]}</c> payload shared by <c>get_assets</c> and the on-connect push.</summary>
public static class AssetList
{
    /// <summary>Assets in configuration order (disabled ones included), optionally filtered by chain.</summary>
    public static JsonObject Payload(IEnumerable<NodeAsset> assets, uint? chainId = null)
    {
        var list = JsonRows.Of(assets.Where(a => chainId is null || a.ChainId == chainId), a => new JsonObject
        {
            ["token"] = a.Token,
            ["chain_id"] = a.ChainId,
            ["symbol"] = a.Symbol,
            ["decimals"] = a.Decimals,
        });
        return new JsonObject { ["assets"] = list };
    }
}
