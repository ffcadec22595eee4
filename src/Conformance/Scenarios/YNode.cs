namespace NitroConformance.Conformance.Scenarios;

/// <summary>A position in a scenario file (1-based line and column).</summary>
public readonly record struct SourceMark(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>A YAML value with its source position; the loader's intermediate tree.</summary>
public abstract record YNode(SourceMark Mark);

/// <summary>A YAML scalar (text as written; <see cref="Quoted"/> tells "100" from 100).</summary>
public sealed record YScalar(SourceMark Mark, string Value, bool Quoted) : YNode(Mark)
{
    /// <summary>True for an unquoted null literal (<c>~</c>, <c>null</c> or empty).</summary>
    public bool IsNull => !Quoted && (Value is "" or "~" or "null" or "Null" or "NULL");
}

/// <summary>A YAML sequence.</summary>
public sealed record YSeq(SourceMark Mark, IReadOnlyList<YNode> Items) : YNode(Mark);

/// <summary>A YAML mapping that keeps key order and each key's position.</summary>
public sealed record YMap(SourceMark Mark, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(Mark)
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public YNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
            if (k.Value == key) return v;
        return null;
    }

    /// <summary>The key names in order.</summary>
    public IEnumerable<string> Keys => Entries.Select(e => e.Key.Value);
}
