using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace NitroConformance.Protocol.Rpc;

/// <summary>One parsed frame: the typed array elements plus the exact raw texts that signatures cover.</summary>
public sealed record RpcFrame
{
    /// <summary>Request (<c>req</c>) or response (<c>res</c>), from the envelope key.</summary>
    public required RpcFrameKind Kind { get; init; }

    /// <summary>The exact <c>req</c>/<c>res</c> array text as it appeared in <see cref="Text"/>, from '[' to the matching ']'.</summary>
    public required string RawArray { get; init; }

    /// <summary>Element 0; 0 for server pushes.</summary>
    public required ulong RequestId { get; init; }

    /// <summary>Element 1: the method name (<c>error</c> for error replies, the push name for pushes).</summary>
    public required string Method { get; init; }

    private StrongBox<JsonNode?>? _params;

    /// <summary>Element 2 (params or result); null when it is JSON <c>null</c>. Parsed from <see cref="RawParams"/> on first
    /// access (the load harness never pays for trees it does not read); each frame hands out one shared tree.</summary>
    public JsonNode? Params
    {
        get
        {
            var box = Volatile.Read(ref _params);
            if (box is null)
            {
                Interlocked.CompareExchange(ref _params, new StrongBox<JsonNode?>(RpcFrameParser.ParseParams(RawParams)), null);
                box = Volatile.Read(ref _params)!;
            }
            return box.Value;
        }
        init => _params = new StrongBox<JsonNode?>(value);
    }

    /// <summary>The exact text of element 2, as received (what <see cref="Params"/> is parsed from).</summary>
    public required string RawParams { get; init; }

    /// <summary>Element 3 (Unix milliseconds).</summary>
    public required ulong Timestamp { get; init; }

    /// <summary>The <c>sig</c> strings in frame order (empty when absent or null).</summary>
    public required IReadOnlyList<string> Signatures { get; init; }

    /// <summary>The legacy top-level <c>sid</c>, if present.</summary>
    public string? Sid { get; init; }

    /// <summary>The whole frame text as received, envelope and signatures included.</summary>
    public required string Text { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the client received the frame; 0 when not from a client.</summary>
    public long ReceivedTimestamp { get; init; }

    /// <summary>True for a response whose method is <c>error</c>.</summary>
    public bool IsError => Kind == RpcFrameKind.Response && Method == RpcMethods.Error;

    /// <summary>True for a server push (a response with request id 0).</summary>
    public bool IsPush => Kind == RpcFrameKind.Response && RequestId == 0;

    /// <summary>The <c>error</c> text of an error response, else null.</summary>
    public string? ErrorText =>
        IsError && Params is JsonObject o && o.TryGetPropertyValue("error", out var e) && e is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : null;
}
