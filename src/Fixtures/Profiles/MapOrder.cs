namespace NitroConformance.Fixtures.Profiles;

/// <summary>
/// Where the Go node iterates a map (or reads unordered SQL rows), the order it produces: kept as given, or a fresh
/// random permutation on every call (<see cref="ReferenceNodeOptions.RandomOrder"/>), so that clients cannot come to
/// depend on an order the Go node does not guarantee.
/// </summary>
public sealed class MapOrder
{
    private readonly Random? _random;

    private MapOrder(Random? random, int? seed)
    {
        _random = random;
        Seed = seed;
    }

    /// <summary>The order as given (the default profile's deterministic behaviour).</summary>
    public static MapOrder Fixed { get; } = new(null, null);

    /// <summary>A random order per call from a generator seeded with <paramref name="seed"/> (reproducible).</summary>
    public static MapOrder Random(int seed) => new(new Random(seed), seed);

    /// <summary>True when orders are randomised.</summary>
    public bool IsRandom => _random is not null;

    /// <summary>The seed of the random generator, or null for <see cref="Fixed"/>.</summary>
    public int? Seed { get; }

    /// <summary><paramref name="items"/> in this call's order: unchanged when fixed, else a fresh permutation.</summary>
    public IReadOnlyList<T> Arrange<T>(IEnumerable<T> items)
    {
        var list = items as IReadOnlyList<T> ?? items.ToList();
        if (_random is null || list.Count < 2) return list;
        var copy = list.ToArray();
        // Handlers run under the node's state lock, but pushes may be built elsewhere; Random is not thread-safe.
        lock (_random) _random.Shuffle(copy);
        return copy;
    }
}
