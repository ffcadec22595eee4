namespace NitroConformance.Conformance.Scenarios;

/// <summary>One problem found in a scenario file: where, which field, what.</summary>
public sealed record ScenarioError(SourceMark Mark, string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Mark}: {Field}: {Message}";
}

/// <summary>Thrown when scenario files do not load; lists every error with file, line and field.</summary>
public sealed class ScenarioLoadException(IReadOnlyList<ScenarioError> errors)
    : Exception($"{errors.Count} scenario error(s):\n" + string.Join("\n", errors))
{
    /// <summary>The errors, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
