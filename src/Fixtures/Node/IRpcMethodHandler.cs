namespace NitroConformance.Fixtures.Node;

/// <summary>One RPC method of the reference node; the router calls it under the node's state lock.</summary>
public interface IRpcMethodHandler
{
    /// <summary>The request method this handler serves.</summary>
    string Method { get; }

    /// <summary>True for methods that need an authenticated connection and a fresh timestamp.</summary>
    bool IsPrivate { get; }

    /// <summary>Handles one call; never throws for bad input (it returns a failed outcome).</summary>
    MethodOutcome Handle(RpcCall call);
}
