using System.Globalization;
using System.Text.RegularExpressions;
using NitroConformance.Load.Engine;

namespace NitroConformance.Load.Thresholds;

/// <summary>Kind of quantity a threshold compares, which fixes its unit.</summary>
public enum ThresholdQuantity
{
    /// <summary>Latency in microseconds.</summary>
    Latency,
    /// <summary>A fraction (written as a percentage).</summary>
    Ratio,
    /// <summary>Events per second.</summary>
    Rate,
    /// <summary>A plain count.</summary>
    Count,
}

/// <summary>A pass/fail condition on a run, e.g. <c>broadcast.p99 &lt; 50ms</c>, <c>fail_rate &lt; 1%</c>, <c>throughput &gt; 2000/s</c>.</summary>
public sealed partial record Threshold(string Expression, string? Metric, string Stat, string Operator, double Value, ThresholdQuantity Quantity)
{
    [GeneratedRegex(@"^\s*(?<lhs>[A-Za-z_][A-Za-z0-9_.\-]*?)\s*(?<op><=|>=|==|!=|<|>)\s*(?<val>[0-9]+(\.[0-9]+)?)\s*(?<unit>us|µs|ms|s|%|/s)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?<metric>.+)\.(?<stat>p[0-9]+(\.[0-9]+)?|p999|mean|min|max|count|errors|fail_rate|rate)$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricStat();

    /// <summary>Parses one threshold; <paramref name="where"/> names its origin (file and index) in errors.</summary>
    public static Threshold Parse(string expression, string where = "threshold")
    {
        var m = Pattern().Match(expression ?? "");
        if (!m.Success)
            throw new FormatException($"{where}: '{expression}' is not a threshold (write e.g. 'broadcast.p99 < 50ms', 'fail_rate < 1%', 'throughput > 2000/s')");
        var lhs = m.Groups["lhs"].Value;
        var op = m.Groups["op"].Value;
        var number = double.Parse(m.Groups["val"].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups["unit"].Success ? m.Groups["unit"].Value : "";
        string? metric = null;
        string stat;
        var ms = MetricStat().Match(lhs);
        if (ms.Success)
        {
            metric = ms.Groups["metric"].Value;
            stat = ms.Groups["stat"].Value;
        }
        else
        {
            stat = lhs; // a global stat or a counter name
        }
        var quantity = stat switch
        {
            "fail_rate" => ThresholdQuantity.Ratio,
            "throughput" or "rate" or "capacity" => ThresholdQuantity.Rate,
            "count" or "errors" or "iterations" => ThresholdQuantity.Count,
            _ when metric is null => ThresholdQuantity.Count, // counter
            _ => ThresholdQuantity.Latency,
        };
        var value = (quantity, unit) switch
        {
            (ThresholdQuantity.Latency, "us" or "µs") => number,
            (ThresholdQuantity.Latency, "ms") => number * 1000,
            (ThresholdQuantity.Latency, "s") => number * 1_000_000,
            (ThresholdQuantity.Latency, _) => throw new FormatException($"{where}: '{expression}': latency needs a unit (us, ms or s)"),
            (ThresholdQuantity.Ratio, "%") => number / 100,
            (ThresholdQuantity.Ratio, "") => number,
            (ThresholdQuantity.Rate, "/s" or "") => number,
            (ThresholdQuantity.Count, "") => number,
            _ => throw new FormatException($"{where}: '{expression}': unit '{unit}' does not fit {stat}"),
        };
        return new Threshold(expression!.Trim(), metric, stat, op, value, quantity);
    }

    /// <summary>True for a threshold on the result of a capacity search (<c>capacity &gt; 2000/s</c>) rather than on one run.</summary>
    public bool GatesCapacity => Metric is null && Stat == "capacity";

    /// <summary>Evaluates against the measured value (from a run report or a capacity search); null fails as "no value".</summary>
    public ThresholdOutcome Evaluate(double? actual)
    {
        if (actual is null) return new ThresholdOutcome(Expression, Metric is null ? $"no {(GatesCapacity ? "capacity found" : $"counter '{Stat}'")}" : $"no metric '{Metric}'", false);
        var v = actual.Value;
        var ok = Operator switch
        {
            "<" => v < Value,
            "<=" => v <= Value,
            ">" => v > Value,
            ">=" => v >= Value,
            "==" => Math.Abs(v - Value) < 1e-9,
            _ => Math.Abs(v - Value) >= 1e-9,
        };
        return new ThresholdOutcome(Expression, FormatActual(v), ok);
    }

    private string FormatActual(double v) => Quantity switch
    {
        ThresholdQuantity.Latency => Durations.Micros(v),
        ThresholdQuantity.Ratio => (v * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%",
        ThresholdQuantity.Rate => v.ToString("0.##", CultureInfo.InvariantCulture) + "/s",
        _ => v.ToString("0", CultureInfo.InvariantCulture),
    };
}
