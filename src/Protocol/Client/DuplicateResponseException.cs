using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>A response frame carrying the id of a request that was already answered (and not sent again): the server
/// answered one request twice. Recorded in <see cref="ClearNodeClient.ProtocolViolations"/>.</summary>
public sealed class DuplicateResponseException : Exception
{
    /// <summary>Creates the violation for <paramref name="duplicate"/>, a second answer to a <paramref name="method"/> request.</summary>
    public DuplicateResponseException(string method, string? firstResponse, RpcFrame duplicate)
        : base($"Request id {duplicate.RequestId} ({method}) was answered twice: first {firstResponse ?? "(response text not kept: frame log off)"}, then again {duplicate.Text}")
    {
        Method = method;
        FirstResponse = firstResponse;
        Duplicate = duplicate;
    }

    /// <summary>The id both responses carry.</summary>
    public ulong RequestId => Duplicate.RequestId;

    /// <summary>The method of the request that was answered twice.</summary>
    public string Method { get; }

    /// <summary>The first response's text, or null when the client keeps no frame log.</summary>
    public string? FirstResponse { get; }

    /// <summary>The second response.</summary>
    public RpcFrame Duplicate { get; }
}
