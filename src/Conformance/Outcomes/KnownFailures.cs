namespace NitroConformance.Conformance.Outcomes;

/// <summary>How a case's result counts once the known-failing list is applied.</summary>
public enum Verdict
{
    /// <summary>Passed (or NON-STRICT outside strict mode, or info-level).</summary>
    Pass,
    /// <summary>Failed and not listed.</summary>
    Fail,
    /// <summary>Failed and listed: reported as an expected failure.</summary>
    ExpectedFailure,
    /// <summary>Listed but passed: the list is stale, the run fails.</summary>
    UnexpectedPass,
    /// <summary>Skipped or unimplemented.</summary>
    NotRun,
}

/// <summary>A checked-in list of case names that are known to fail on one target (one name per line, <c>#</c> comments).</summary>
public sealed class KnownFailures
{
    private readonly Dictionary<string, string> _entries;

    /// <summary>Creates a list from case names and reasons.</summary>
    public KnownFailures(IReadOnlyDictionary<string, string> entries) => _entries = new(entries);

    /// <summary>An empty list.</summary>
    public static KnownFailures None { get; } = new(new Dictionary<string, string>());

    /// <summary>The listed case names.</summary>
    public IReadOnlyCollection<string> Names => _entries.Keys;

    /// <summary>True when the case is listed.</summary>
    public bool Contains(string caseName) => _entries.ContainsKey(caseName);

    /// <summary>Parses <c>case name  # reason</c> lines; a name is a scenario id, optionally with <c> [NitroRPC/0.x]</c>.</summary>
    public static KnownFailures Parse(string text)
    {
        var entries = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            var name = (hash >= 0 ? line[..hash] : line).Trim();
            entries[name] = hash >= 0 ? line[(hash + 2)..].Trim() : "";
        }
        return new KnownFailures(entries);
    }

    /// <summary>Loads a list file; a missing file is an empty list.</summary>
    public static KnownFailures Load(string? path) => path is not null && File.Exists(path) ? Parse(File.ReadAllText(path)) : None;

    /// <summary>Whether the case (by its full name or its scenario id alone) is listed.</summary>
    public bool Lists(string caseName, string scenarioId) => Contains(caseName) || Contains(scenarioId);

    /// <summary>
    /// Listed names that match no case name and no scenario id (a renamed or deleted scenario): such an entry
    /// could never be judged, so it would go stale silently.
    /// </summary>
    public IReadOnlyList<string> Unmatched(IEnumerable<(string CaseName, string ScenarioId)> cases)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (caseName, scenarioId) in cases)
        {
            known.Add(caseName);
            known.Add(scenarioId);
        }
        return _entries.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Applies the list to a case's effective outcome.</summary>
    public Verdict Judge(string caseName, string scenarioId, Outcome effective, bool infoLevel)
    {
        var listed = Lists(caseName, scenarioId);
        return effective switch
        {
            Outcome.Skipped or Outcome.Unimplemented => Verdict.NotRun,
            Outcome.Failed when listed => Verdict.ExpectedFailure,
            Outcome.Failed when infoLevel => Verdict.Pass,
            Outcome.Failed => Verdict.Fail,
            _ when listed => Verdict.UnexpectedPass,
            _ => Verdict.Pass,
        };
    }
}
