using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>The server answered a request with method <c>error</c>; carries the exact error text and both raw frames.</summary>
public sealed class RpcErrorException : Exception
{
    /// <summary>Creates the exception from the request frame text and the parsed error response.</summary>
    public RpcErrorException(string requestMethod, string requestFrame, RpcFrame response)
        : base($"{requestMethod} failed: {response.ErrorText ?? response.RawParams}")
    {
        ArgumentNullException.ThrowIfNull(response);
        ErrorText = response.ErrorText ?? response.RawParams;
        RequestFrame = requestFrame;
        ResponseFrame = response.Text;
        Response = response;
    }

    /// <summary>The <c>error</c> string exactly as sent (the raw params text if it had no string <c>error</c> field).</summary>
    public string ErrorText { get; }

    /// <summary>The request frame text as sent.</summary>
    public string RequestFrame { get; }

    /// <summary>The response frame text as received.</summary>
    public string ResponseFrame { get; }

    /// <summary>The parsed response.</summary>
    public RpcFrame Response { get; }
}
