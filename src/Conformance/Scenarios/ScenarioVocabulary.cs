namespace NitroConformance.Conformance.Scenarios;

/// <summary>The fixed words a scenario file is checked against: the protocols it may run under and the optional target features it may need.</summary>
public static class ScenarioVocabulary
{
    /// <summary>The two protocols a scenario may run under.</summary>
    public static readonly IReadOnlyList<string> AllProtocols = ["NitroRPC/0.2", "NitroRPC/0.4"];

    /// <summary>Optional target capabilities.</summary>
    public static readonly IReadOnlySet<string> KnownFeatures = new HashSet<string>
    {
        "session-keys", "app-messages", "jwt-reauth", "transfer", "multi-asset", "get-rpc-history", "cleanup-session-key-cache",
    };
}
