namespace NitroConformance.Fixtures.Profiles;

/// <summary>
/// Raised under <see cref="NodeProfile.GoV05"/> where the Go node panics without a <c>recover()</c>: the reference
/// node then dies the way the Go process does (no answer, every connection dropped, the listener closed).
/// </summary>
/// <param name="panic">The Go runtime's panic text (e.g. <c>runtime error: index out of range [64] with length 64</c>).</param>
/// <param name="goSource">Where the Go node panics (file and approximate line).</param>
public sealed class GoPanicException(string panic, string goSource) : Exception($"panic: {panic} ({goSource})")
{
    /// <summary>The Go runtime's panic text.</summary>
    public string Panic { get; } = panic;

    /// <summary>Go file and approximate line of the panic.</summary>
    public string GoSource { get; } = goSource;
}
