namespace NitroConformance.Conformance.Scenarios;

/// <summary>The actions a step may name and the keys each of them allows.</summary>
internal static class StepKeys
{
    /// <summary>Keys every step allows.</summary>
    public static readonly string[] Common = ["do", "name", "as", "signers", "when", "timestamp", "timeout_ms", "expect", "signature"];

    /// <summary>Keys each action allows on top of <see cref="Common"/>, in the order listed in error messages.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByAction = new Dictionary<string, string[]>
    {
        ["create"] = [.. DefinitionBinder.Keys, "save_as", "protocol"],
        ["submit"] = ["session", "intent", "version", "allocations", "session_data", "send_as_written"],
        ["close"] = ["session", "allocations", "session_data"],
        ["transfer"] = ["to", "to_tag", "allocations"],
        ["query"] = ["method", "params", "session"],
        ["request"] = ["method", "params", "session"],
        ["raw"] = ["frame", "connection", "session", "within_ms"],
        ["resend"] = ["frame", "connection"],
        ["check"] = ["balances", "shares", "session_state", "session"],
        ["wait_push"] = ["method", "to", "not_to", "within_ms", "fields", "session"],
        ["auth"] = ["session_key", "signer", "address", "save_key", "save_jwt", "challenge", "sig", "key", "save_key_as"],
        ["reauth"] = ["jwt", "connection"],
        ["revoke"] = ["session_key"],
    };
}
