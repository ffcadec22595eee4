using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Envelope;

/// <summary>A request frame that passed envelope decoding and validation (clearnode-rpc.md §2.1, §3.1 steps 1–2).</summary>
/// <param name="RawReq">The exact text of the <c>req</c> array as received; signatures are over its UTF-8 bytes.</param>
/// <param name="Sid">The optional <c>sid</c> string (ignored by v0.5 methods, used by the legacy relay).</param>
/// <param name="FrameText">The whole frame as received (forwarded verbatim by the relay).</param>
public sealed record InboundRequest(
    ulong RequestId,
    string Method,
    JsonNode Params,
    ulong Timestamp,
    string RawReq,
    IReadOnlyList<string> Signatures,
    string? Sid,
    string FrameText);
