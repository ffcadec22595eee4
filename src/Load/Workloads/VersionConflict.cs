using System.Globalization;
using System.Text.RegularExpressions;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Reads the version a node expects from its NitroRPC/0.4 version-conflict error
/// ("incorrect app state: incorrect version: expected N, got M", Go clearnode <c>app_session_service.go</c> ~line 519).
/// </summary>
public static partial class VersionConflict
{
    [GeneratedRegex(@"incorrect version: expected (?<n>[0-9]+), got [0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>True and the expected version when <paramref name="errorText"/> is a version conflict.</summary>
    public static bool TryExpected(string errorText, out ulong expected)
    {
        expected = 0;
        var m = Pattern().Match(errorText);
        return m.Success && ulong.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out expected) && expected > 0;
    }
}
