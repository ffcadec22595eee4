using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_config</c>: broker address and networks; params ignored (clearnode-rpc.md §7).</summary>
public sealed class GetConfigHandler(string brokerAddress, IReadOnlyList<NodeNetwork> networks) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_config";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        var list = JsonRows.Of(networks, n => new JsonObject
        {
            ["chain_id"] = n.ChainId,
            ["name"] = n.Name,
            ["custody_address"] = n.CustodyAddress,
            ["adjudicator_address"] = n.AdjudicatorAddress,
        });
        return MethodOutcome.Ok(new JsonObject { ["broker_address"] = brokerAddress, ["networks"] = list });
    }
}
