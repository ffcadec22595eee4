using System.Text;
using HdrHistogram;
using NitroConformance.Load.Metrics;

namespace NitroConformance.Load.Reports;

/// <summary>
/// A run's histograms as a standard HdrHistogram interval log (histograms.hlog): one interval per metric, tagged with
/// the metric name, values in microseconds, so HistogramLogProcessor and the usual plotters can read it.
/// </summary>
public static class HistogramLog
{
    /// <summary>File name beside report.json.</summary>
    public const string FileName = "histograms.hlog";

    /// <summary>
    /// The same 1 µs unit, 60 s range and 3 significant digits as <see cref="LatencyHistogram"/>: both then have
    /// 2048 sub-buckets per power of two, so every one of our buckets maps onto exactly one HdrHistogram bucket.
    /// </summary>
    public const int SignificantDigits = 3;

    /// <summary>The log text: a header with the run's start, then one interval per metric covering the measured time.</summary>
    public static string Serialize(RunReport report)
    {
        var start = report.StartedUtc.AddSeconds(report.WarmUpSeconds);
        var histograms = report.Metrics.Select(m => ToHdr(m, start, report.MeasuredSeconds)).ToArray();
        using var stream = new MemoryStream();
        HistogramLogWriter.Write(stream, report.StartedUtc.UtcDateTime, histograms);
        // The .NET writer emits UTF-16 with a byte-order mark; the format (and the Java tools) are plain ASCII,
        // which the caller's UTF-8 file is, once decoded here.
        stream.Position = 0;
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return text.ReadToEnd();
    }

    /// <summary>
    /// An HdrHistogram tag must hold no comma or white space (the log is comma-separated); those become '_'.
    /// </summary>
    public static string Tag(string metricName) =>
        string.Concat(metricName.Select(c => c == ',' || char.IsWhiteSpace(c) ? '_' : c));

    private static LongHistogram ToHdr(MetricReport metric, DateTimeOffset start, double measuredSeconds)
    {
        var histogram = new LongHistogram(1, LatencyHistogram.HighestTrackableMicros, SignificantDigits)
        {
            Tag = Tag(metric.Name),
            StartTimeStamp = start.ToUnixTimeMilliseconds(),
            EndTimeStamp = start.AddSeconds(measuredSeconds).ToUnixTimeMilliseconds(),
        };
        foreach (var bucket in metric.Histogram.Buckets)
            histogram.RecordValueWithCount(bucket[0], bucket[1]);
        return histogram;
    }
}
