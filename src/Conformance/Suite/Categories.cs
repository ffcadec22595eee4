using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Suite;

/// <summary>NUnit categories of a case, for <c>dotnet test --filter "Category=..."</c>.</summary>
public static class Categories
{
    /// <summary>Conformance, level-*, protocol-0.x, area-*, family-*, method-* and the scenario's tags.</summary>
    public static IEnumerable<string> Of(ScenarioCase c)
    {
        var s = c.Scenario;
        yield return "Conformance";
        yield return $"level-{s.Level.ToString().ToLowerInvariant()}";
        yield return $"protocol-{c.Protocol["NitroRPC/".Length..]}";
        yield return $"area-{s.Area}";
        yield return $"family-{s.Family}";
        foreach (var m in s.Methods) yield return $"method-{m}";
        foreach (var t in s.Tags) yield return t;
    }
}
