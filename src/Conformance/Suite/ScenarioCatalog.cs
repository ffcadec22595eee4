using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Scenarios;
using NUnit.Framework;

namespace NitroConformance.Conformance.Suite;

/// <summary>The settings and scenarios of this test run, loaded once (test discovery needs them before any fixture runs).</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<Loaded> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>What loading produced: the cases, or the error that stopped loading.</summary>
    public sealed record Loaded(RunSettings? Settings, RuleCatalog? Rules, IReadOnlyList<Scenario> Scenarios, string? Error, string RepositoryRoot);

    /// <summary>The loaded catalogue.</summary>
    public static Loaded Current => Instance.Value;

    /// <summary>Every case (scenario × protocol).</summary>
    public static IEnumerable<ScenarioCase> Cases => Current.Scenarios.SelectMany(s => s.Protocols.Select(p => new ScenarioCase(s, p)));

    private static Loaded Load()
    {
        var root = RunSettings.FindRepositoryRoot(AppContext.BaseDirectory);
        try
        {
            var overrides = TestContext.Parameters.Names.Select(n => new KeyValuePair<string, string?>(n, TestContext.Parameters[n]));
            var settings = RunSettings.From(RunSettings.BuildConfiguration(AppContext.BaseDirectory, overrides), root);
            var rulesPath = Path.Combine(settings.ScenariosDirectory, "rules.yaml");
            var rules = File.Exists(rulesPath) ? RuleCatalog.Load(rulesPath) : null;
            var scenarios = ScenarioLoader.LoadDirectory(settings.ScenariosDirectory, rules);
            return new Loaded(settings, rules, scenarios, null, root);
        }
        catch (Exception ex) when (ex is ScenarioLoadException or InvalidOperationException or IOException or FormatException)
        {
            return new Loaded(null, null, [], ex.Message, root);
        }
    }
}
