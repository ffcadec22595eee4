using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Counts the <c>auth_request</c> frames sent on the suite's connections (the Go node keeps at most 1000 challenges).</summary>
public sealed class AuthRequestCounter
{
    private long _count;

    /// <summary>auth_request frames counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts one auth_request sent by method name.</summary>
    public void Add(string method)
    {
        if (method == RpcMethods.AuthRequest) Interlocked.Increment(ref _count);
    }

    /// <summary>Counts a raw frame when it parses as an auth_request.</summary>
    public void AddRaw(string text)
    {
        if (IsAuthRequest(text)) Interlocked.Increment(ref _count);
    }

    private static bool IsAuthRequest(string text)
    {
        if (!text.Contains(RpcMethods.AuthRequest, StringComparison.Ordinal)) return false;
        try
        {
            return RpcFrameParser.Parse(text).Method == RpcMethods.AuthRequest;
        }
        catch (RpcFrameFormatException)
        {
            return false;
        }
    }
}
