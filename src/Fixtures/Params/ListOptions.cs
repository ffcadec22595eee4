namespace NitroConformance.Fixtures.Params;

/// <summary>Paging and sort of the Go list methods: offset, limit (0 → 10, capped at 100), sort asc/desc.</summary>
public sealed record ListOptions(uint Offset, uint Limit, string? Sort)
{
    /// <summary>Page size when none (or 0) is given.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 100;

    /// <summary>Reads <c>offset</c>, <c>limit</c>, <c>sort</c> (throws <see cref="ParamDecodeException"/>).</summary>
    public static ListOptions From(ParamReader p) => new(p.UInt32("offset"), p.UInt32("limit"), p.OptionalString("sort"));

    /// <summary>
    /// Whether rows go newest first. The Go node splices the upper-cased value into SQL <c>ORDER BY</c>: no value →
    /// the default, <c>""</c> → ascending, <c>asc</c>/<c>desc</c> in any case as given; anything else is a query error (null).
    /// </summary>
    public bool? Descending(bool byDefault) => Sort switch
    {
        null => byDefault,
        "" => false,
        _ when Sort.Equals("asc", StringComparison.OrdinalIgnoreCase) => false,
        _ when Sort.Equals("desc", StringComparison.OrdinalIgnoreCase) => true,
        _ => null,
    };

    /// <summary>Orders rows by creation time, ties by id, newest first when <paramref name="descending"/>.</summary>
    public static IEnumerable<T> ByCreation<T, TTime, TId>(IEnumerable<T> rows, bool descending, Func<T, TTime> createdAt, Func<T, TId> id) =>
        descending ? rows.OrderByDescending(createdAt).ThenByDescending(id) : rows.OrderBy(createdAt).ThenBy(id);

    /// <summary>Applies offset and limit to ordered rows.</summary>
    public IEnumerable<T> Page<T>(IEnumerable<T> ordered)
    {
        var limit = Limit == 0 ? DefaultLimit : (int)Math.Min(Limit, (uint)MaxLimit);
        return ordered.Skip((int)Math.Min(Offset, int.MaxValue)).Take(limit);
    }
}
