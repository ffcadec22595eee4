using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Transport;

namespace NitroConformance.Fixtures.Routing;

/// <summary>The checks every private method runs first, in the Go node's order (clearnode-rpc.md §3.1, §5.6).</summary>
public static class PrivateMiddleware
{
    /// <summary>Smallest 13-digit millisecond timestamp.</summary>
    public const ulong MinTimestamp = 1_000_000_000_000;

    /// <summary>Largest 13-digit millisecond timestamp.</summary>
    public const ulong MaxTimestamp = 9_999_999_999_999;

    /// <summary>Returns the error text, or null when the request may proceed (refreshing the auth session).</summary>
    public static string? Check(NodeRuntime node, NodeConnection connection, ulong timestamp)
    {
        var policy = connection.Policy;
        if (policy is null || string.IsNullOrEmpty(connection.Wallet)) return "authentication required";
        if (!node.AuthSessions.IsValid(policy.Wallet)) return "session expired, please re-authenticate";
        node.AuthSessions.Touch(policy.Wallet);

        if (timestamp < MinTimestamp || timestamp > MaxTimestamp) return "invalid message timestamp";
        var age = node.Clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds((long)timestamp);
        if (age > node.Options.TimestampWindow && !node.Has(DefectId.StaleTimestampAccepted)) return "invalid message timestamp";
        return null;
    }
}
