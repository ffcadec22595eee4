namespace NitroConformance.Fixtures.Envelope;

/// <summary>Why a frame was rejected before method lookup, and which request id the error response carries.</summary>
/// <param name="Error">Exact error text (<c>invalid message format</c> or <c>message validation failed</c>).</param>
/// <param name="RequestId">The decoded request id, or 0 when the server's clock must be used instead (§3.2).</param>
/// <param name="NilRequest">
/// A decode error met while <c>req</c> was null: the Go node reads the id through the nil pointer and panics
/// (rpc_node.go ~l.170-173).
/// </param>
public sealed record EnvelopeFailure(string Error, ulong RequestId, bool NilRequest = false)
{
    /// <summary>Error text of a step-1 (decode) failure.</summary>
    public const string InvalidFormat = "invalid message format";

    /// <summary>Error text of a step-2 (validation) failure.</summary>
    public const string ValidationFailed = "message validation failed";
}
