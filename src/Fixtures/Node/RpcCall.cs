using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Node;

/// <summary>What a method handler sees of one request that passed envelope and middleware checks.</summary>
/// <param name="CallerWallet">Wallet bound to the connection, or null on an unauthenticated connection.</param>
/// <param name="RequestId">The request id, echoed in the response.</param>
/// <param name="Method">The method name as sent.</param>
/// <param name="Params">The params value (any JSON except null; handlers that need an object report a parse error).</param>
/// <param name="RawReq">The exact bytes of the <c>req</c> array as received (signatures are over these).</param>
/// <param name="Signatures">The <c>sig</c> elements as sent, in order.</param>
/// <param name="Now">The node clock at the time the request is handled.</param>
public sealed record RpcCall(
    string? CallerWallet,
    ulong RequestId,
    string Method,
    JsonNode Params,
    string RawReq,
    IReadOnlyList<string> Signatures,
    DateTimeOffset Now);
