namespace NitroConformance.Conformance.Scenarios;

/// <summary>One loaded scenario (one matrix row); run once per protocol as a <see cref="ScenarioCase"/>.</summary>
public sealed record Scenario
{
    /// <summary>Stable id including the matrix suffix, e.g. <c>app-sessions/quorum/x[bob-only]</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The id as written in the file.</summary>
    public required string BaseId { get; init; }
    /// <summary>One-line title: the test description in NUnit and the reports.</summary>
    public required string Title { get; init; }
    /// <summary>What the scenario does.</summary>
    public required string Description { get; init; }
    /// <summary>What a conforming node must do.</summary>
    public required string Expectation { get; init; }
    /// <summary>Rule ids from scenarios/rules.yaml.</summary>
    public required IReadOnlyList<string> Rules { get; init; }
    /// <summary>How a failure counts: must and safety gate the run, info never does.</summary>
    public required ScenarioLevel Level { get; init; }
    /// <summary>Protocols it runs under.</summary>
    public required IReadOnlyList<string> Protocols { get; init; }
    /// <summary>Optional target features it needs.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>The file's <c>tags:</c>, added as NUnit categories.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Whole-case budget override.</summary>
    public int? TimeoutMs { get; init; }
    /// <summary>The case may kill a faulty node (a known crash frame): it runs apart, after the others, one at a time.</summary>
    public bool Destructive { get; init; }
    /// <summary>Wallets in declaration order.</summary>
    public required IReadOnlyList<WalletSpec> Wallets { get; init; }
    /// <summary>Default session definition.</summary>
    public DefinitionSpec Session { get; init; } = DefinitionSpec.Empty;
    /// <summary>The steps in file order, each the record of its action (see <see cref="StepTable"/>).</summary>
    public required IReadOnlyList<Step> Steps { get; init; }
    /// <summary>Matrix parameters of this row (rendered as text).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>The file and position of the scenario.</summary>
    public required SourceMark Mark { get; init; }

    /// <summary>First id segment (area).</summary>
    public string Area => BaseId.Split('/')[0];
    /// <summary>Second id segment (family), or the area when there is none.</summary>
    public string Family => BaseId.Split('/') is { Length: > 2 } p ? p[1] : Area;
    /// <summary>RPC methods the scenario's steps exercise (for categories).</summary>
    public IEnumerable<string> Methods => Steps.Select(StepMethods.MethodOf).OfType<string>().Distinct();
}

/// <summary>A scenario under one protocol: the unit that runs and is reported.</summary>
public sealed record ScenarioCase(Scenario Scenario, string Protocol)
{
    /// <summary>Test name and known-failing key: <c>id [NitroRPC/0.4]</c>.</summary>
    public string Name => $"{Scenario.Id} [{Protocol}]";
}

/// <summary>The RPC method a step sends, as <see cref="StepTable"/> says.</summary>
public static class StepMethods
{
    /// <summary>The method name, or null for steps that send no request under test.</summary>
    public static string? MethodOf(Step step) => StepTable.MethodOf(step);
}
