namespace NitroConformance.Protocol.Rpc;

/// <summary>A request ready to send: the complete frame text, the signed <c>req</c> text and the signatures in <c>sig</c> order.</summary>
public sealed record SignedRequest(ulong RequestId, string Method, string Frame, string ReqJson, IReadOnlyList<string> Signatures);
