namespace NitroConformance.Conformance.Scenarios;

/// <summary>Typed reads of one step mapping; every problem is recorded under <c>steps[i](action).key</c>.</summary>
internal sealed class StepReader(YMap map, string field, FieldReader reader)
{
    /// <summary>The step mapping.</summary>
    public YMap Map { get; } = map;
    /// <summary>The field prefix of problems, e.g. <c>steps[2](submit)</c>.</summary>
    public string Field { get; } = field;
    /// <summary>The scenario's reader (and its error list).</summary>
    public FieldReader R { get; } = reader;

    /// <summary>The field name of <paramref name="key"/> in problems.</summary>
    public string At(string key) => $"{Field}.{key}";

    /// <summary>The node under <paramref name="key"/>, or null.</summary>
    public YNode? Get(string key) => Map.Get(key);

    /// <summary>Text under <paramref name="key"/>, or null when absent.</summary>
    public string? OptStr(string key) => R.OptStr(Map, key, At(key));

    /// <summary>A positive integer under <paramref name="key"/>, or null when absent.</summary>
    public int? OptInt(string key) => R.OptInt(Map, key, At(key));

    /// <summary>true / false under <paramref name="key"/>, false when absent.</summary>
    public bool Flag(string key) => R.OptBool(Map, key, At(key)) ?? false;

    /// <summary>One text value or a list of them under <paramref name="key"/>; empty when absent.</summary>
    public IReadOnlyList<string> OneOrMany(string key) =>
        Get(key) is { } n ? (n is YScalar s ? [s.Value] : R.StrList(n, At(key)) ?? []) : [];

    /// <summary>A list of text values under <paramref name="key"/>; empty when absent.</summary>
    public IReadOnlyList<string> List(string key) => Get(key) is { } n ? R.StrList(n, At(key)) ?? [] : [];

    /// <summary>Text under <paramref name="key"/> that must be one of <paramref name="allowed"/> or match <paramref name="orElse"/>.</summary>
    public string? OneOf(string key, string[] allowed, Func<string, bool>? orElse, string problem)
    {
        if (Get(key) is not { } node) return null;
        var text = R.Str(Map, key, At(key));
        if (text is not null && !allowed.Contains(text) && orElse?.Invoke(text) != true) R.Errors.Add(new(node.Mark, At(key), problem.Replace("{value}", text, StringComparison.Ordinal)));
        return text;
    }

    /// <summary>Records a problem at <paramref name="key"/>.</summary>
    public void Error(YNode node, string key, string message) => R.Errors.Add(new(node.Mark, At(key), message));
}
