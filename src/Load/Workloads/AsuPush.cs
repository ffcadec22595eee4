using System.Text.Json.Nodes;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>Reads the two fields the harness needs from an <c>asu</c> push.</summary>
public static class AsuPush
{
    /// <summary>True and the session id and new version when <paramref name="frame"/> is an asu push carrying them.</summary>
    public static bool TryRead(RpcFrame frame, out string sessionId, out ulong version)
    {
        sessionId = "";
        version = 0;
        if (frame.Method != RpcMethods.AppSessionUpdatePush || frame.Params is not JsonObject p || p["app_session"] is not JsonObject s) return false;
        if (s["app_session_id"] is not JsonValue idv || !idv.TryGetValue<string>(out var id)) return false;
        if (s["version"] is not JsonValue vv || !vv.TryGetValue<ulong>(out var v)) return false;
        sessionId = id;
        version = v;
        return true;
    }
}
