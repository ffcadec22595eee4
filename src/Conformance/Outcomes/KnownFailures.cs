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
/// <remarks>An entry fails as FAILED by default; <c>name =&gt; CRASHED</c> says the case kills the node (see <see cref="Outcome.Crashed"/>).</remarks>
public sealed class KnownFailures
{
    private const string CrashedMarker = "=> CRASHED";
    private readonly Dictionary<string, string> _entries;
    private readonly HashSet<string> _crashing;

    /// <summary>Creates a list from case names and reasons; <paramref name="crashing"/> names the entries expected to crash the node.</summary>
    public KnownFailures(IReadOnlyDictionary<string, string> entries, IEnumerable<string>? crashing = null)
    {
        _entries = new(entries);
        _crashing = new(crashing ?? [], StringComparer.Ordinal);
    }

    /// <summary>An empty list.</summary>
    public static KnownFailures None { get; } = new(new Dictionary<string, string>());

    /// <summary>The entries expected to crash the node.</summary>
    public IReadOnlyCollection<string> CrashNames => _crashing;

    /// <summary>True when the case is listed as crashing the node.</summary>
    public bool ExpectsCrash(string caseName, string scenarioId) => _crashing.Contains(caseName) || _crashing.Contains(scenarioId);

    /// <summary>The listed case names.</summary>
    public IReadOnlyCollection<string> Names => _entries.Keys;

    /// <summary>True when the case is listed.</summary>
    public bool Contains(string caseName) => _entries.ContainsKey(caseName);

    /// <summary>Parses <c>case name [=&gt; CRASHED]  # reason</c> lines; a name is a scenario id, optionally with <c> [NitroRPC/0.x]</c>.</summary>
    public static KnownFailures Parse(string text)
    {
        var entries = new Dictionary<string, string>();
        var crashing = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            var name = (hash >= 0 ? line[..hash] : line).Trim();
            if (name.EndsWith(CrashedMarker, StringComparison.Ordinal))
            {
                name = name[..^CrashedMarker.Length].TrimEnd();
                crashing.Add(name);
            }
            entries[name] = hash >= 0 ? line[(hash + 2)..].Trim() : "";
        }
        return new KnownFailures(entries, crashing);
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
    /// <remarks>A listed case must fail the way the list says: a crash where FAILED was listed, or a plain failure where
    /// CRASHED was listed, is a failure of the run (the node's behaviour changed).</remarks>
    public Verdict Judge(string caseName, string scenarioId, Outcome effective, bool infoLevel)
    {
        var listed = Lists(caseName, scenarioId);
        var crashListed = ExpectsCrash(caseName, scenarioId);
        return effective switch
        {
            Outcome.Skipped or Outcome.Unimplemented => Verdict.NotRun,
            Outcome.Crashed => crashListed ? Verdict.ExpectedFailure : Verdict.Fail,
            Outcome.Failed when crashListed => Verdict.Fail,
            Outcome.Failed when listed => Verdict.ExpectedFailure,
            Outcome.Failed when infoLevel => Verdict.Pass,
            Outcome.Failed => Verdict.Fail,
            _ when listed => Verdict.UnexpectedPass,
            _ => Verdict.Pass,
        };
    }
}
