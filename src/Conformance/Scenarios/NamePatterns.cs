using System.Text.RegularExpressions;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>The shapes of names a scenario file declares: scenario ids and wallet / saved-key names.</summary>
internal static partial class NamePatterns
{
    /// <summary>Path-like scenario id: lowercase segments joined by '/', at least two.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)+$")]
    public static partial Regex ScenarioId();

    /// <summary>Wallet name, also used for <c>save_key_as</c> names.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    public static partial Regex WalletName();
}
