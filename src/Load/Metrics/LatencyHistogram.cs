using System.Numerics;

namespace NitroConformance.Load.Metrics;

/// <summary>Log-linear (HDR-style) latency histogram in microseconds: 3 significant digits, 1 µs to 60 s, fixed memory, mergeable.</summary>
/// <remarks>Not thread-safe; <see cref="MetricRecorder"/> serialises writers.</remarks>
public sealed class LatencyHistogram
{
    /// <summary>Largest trackable value (60 s in µs); larger values are clamped and counted in <see cref="Clamped"/>.</summary>
    public const long HighestTrackableMicros = 60_000_000;

    // 2048 sub-buckets per power of two keeps the relative error under 1/1024 (~3 significant digits).
    internal const int SubBucketHalfCountMagnitude = 10;
    internal const int SubBucketCount = 1 << (SubBucketHalfCountMagnitude + 1);
    internal const int SubBucketHalfCount = SubBucketCount / 2;
    internal const long SubBucketMask = SubBucketCount - 1;
    internal static readonly int BucketCount = ComputeBucketCount();
    internal static readonly int CountsLength = (BucketCount + 1) * SubBucketHalfCount;

    private readonly long[] _counts = new long[CountsLength];

    /// <summary>Number of recorded values.</summary>
    public long TotalCount { get; private set; }

    /// <summary>Number of values above <see cref="HighestTrackableMicros"/> that were recorded as the maximum.</summary>
    public long Clamped { get; private set; }

    /// <summary>Smallest recorded value (µs), 0 when empty.</summary>
    public long Min { get; private set; }

    /// <summary>Largest recorded value (µs), 0 when empty.</summary>
    public long Max { get; private set; }

    private double _sum;

    /// <summary>Arithmetic mean (µs) of recorded values, 0 when empty.</summary>
    public double Mean => TotalCount == 0 ? 0 : _sum / TotalCount;

    private static int ComputeBucketCount()
    {
        long smallestUntrackable = SubBucketCount;
        var buckets = 1;
        while (smallestUntrackable <= HighestTrackableMicros)
        {
            smallestUntrackable <<= 1;
            buckets++;
        }
        return buckets;
    }

    /// <summary>Records one value in microseconds (negative values count as 0).</summary>
    public void Record(long micros, long count = 1)
    {
        if (count <= 0) return;
        if (micros < 0) micros = 0;
        if (micros > HighestTrackableMicros)
        {
            micros = HighestTrackableMicros;
            Clamped += count;
        }
        _counts[IndexOf(micros)] += count;
        if (TotalCount == 0 || micros < Min) Min = micros;
        if (micros > Max) Max = micros;
        TotalCount += count;
        _sum += (double)micros * count;
    }

    internal static int IndexOf(long value)
    {
        var bucket = BucketIndex(value);
        var sub = (int)(value >> bucket);
        return ((bucket + 1) << SubBucketHalfCountMagnitude) + (sub - SubBucketHalfCount);
    }

    private static int BucketIndex(long value)
    {
        var pow2Ceiling = 64 - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));
        return pow2Ceiling - (SubBucketHalfCountMagnitude + 1);
    }

    internal static long LowestEquivalent(int index)
    {
        var bucket = (index >> SubBucketHalfCountMagnitude) - 1;
        var sub = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucket < 0)
        {
            sub -= SubBucketHalfCount;
            bucket = 0;
        }
        return (long)sub << bucket;
    }

    internal static long HighestEquivalent(int index)
    {
        var low = LowestEquivalent(index);
        var bucket = Math.Max(0, (index >> SubBucketHalfCountMagnitude) - 1);
        return low + (1L << bucket) - 1;
    }

    /// <summary>Value (µs) at the given percentile (0–100): the highest value equivalent to the sample at that rank, capped by <see cref="Max"/>.</summary>
    public long ValueAtPercentile(double percentile)
    {
        if (TotalCount == 0) return 0;
        percentile = Math.Clamp(percentile, 0, 100);
        // Rounding first keeps 99.9% of 1000 at rank 999 despite binary floating point.
        var rank = Math.Max(1, (long)Math.Ceiling(Math.Round(percentile / 100.0 * TotalCount, 9)));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Min(Max, Math.Max(Min, HighestEquivalent(i)));
        }
        return Max;
    }

    /// <summary>Adds every count of <paramref name="other"/> into this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        if (other.TotalCount == 0) return;
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Min = TotalCount == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        TotalCount += other.TotalCount;
        Clamped += other.Clamped;
        _sum += other._sum;
    }

    /// <summary>Clears every count.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        TotalCount = Clamped = Min = Max = 0;
        _sum = 0;
    }

    /// <summary>Deep copy.</summary>
    public LatencyHistogram Copy()
    {
        var h = new LatencyHistogram();
        h.Add(this);
        return h;
    }

    /// <summary>Non-zero buckets as (lowest equivalent value µs, count) pairs, ascending.</summary>
    public IEnumerable<(long Value, long Count)> NonZeroBuckets()
    {
        for (var i = 0; i < _counts.Length; i++)
            if (_counts[i] != 0) yield return (LowestEquivalent(i), _counts[i]);
    }

    /// <summary>Serialisable form: sparse buckets keyed by their lowest equivalent value.</summary>
    public HistogramSnapshot ToSnapshot() => new(
        "log-linear-us-2048", TotalCount, Min, Max, Mean, Clamped,
        NonZeroBuckets().Select(b => new[] { b.Value, b.Count }).ToList());

    /// <summary>Rebuilds a histogram from <see cref="ToSnapshot"/> output.</summary>
    public static LatencyHistogram FromSnapshot(HistogramSnapshot snapshot)
    {
        if (snapshot.Layout != "log-linear-us-2048")
            throw new FormatException($"histogram layout '{snapshot.Layout}' is not supported (expected log-linear-us-2048)");
        var h = new LatencyHistogram();
        foreach (var pair in snapshot.Buckets)
        {
            if (pair.Length != 2 || pair[1] < 0 || pair[0] < 0 || pair[0] > HighestTrackableMicros)
                throw new FormatException("histogram bucket must be [value_us, count] with 0 <= value_us <= 60000000 and count >= 0");
            h._counts[IndexOf(pair[0])] += pair[1];
            h.TotalCount += pair[1];
        }
        if (h.TotalCount != snapshot.Count)
            throw new FormatException($"histogram count {snapshot.Count} does not match the sum of its buckets ({h.TotalCount})");
        h.Min = snapshot.Min;
        h.Max = snapshot.Max;
        h.Clamped = snapshot.Clamped;
        h._sum = snapshot.Mean * snapshot.Count;
        return h;
    }
}
