namespace NitroConformance.Protocol.Rpc;

/// <summary>Whether a frame carries a <c>req</c> (client → server) or a <c>res</c> (server → client) array.</summary>
public enum RpcFrameKind
{
    /// <summary>A <c>{"req":[…]}</c> frame.</summary>
    Request,

    /// <summary>A <c>{"res":[…]}</c> frame (responses, errors and pushes).</summary>
    Response,
}
