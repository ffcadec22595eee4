using System.Text.Json;
using System.Xml.Linq;
using NitroConformance.Load.Reports;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Tests;

public class ReportWriterTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "nitro-load-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Test]
    public void Writes_every_format_with_the_measured_numbers()
    {
        var report = SampleReports.Broadcast() with { Thresholds = [new ThresholdOutcome("broadcast.p99 < 1ms", "1.98ms", false)] };
        var files = ReportWriter.Write(report, _dir);
        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[] { "report.json", "report.md", "report.html", "summary.csv", "series.csv", "histograms.hlog" }));

        var back = ReportJson.Load(_dir);
        Assert.That(back.Metric("broadcast")!.P99, Is.EqualTo(1980));
        Assert.That(back.Metric("broadcast")!.Histogram.Count, Is.EqualTo(1000));
        Assert.That(back.FanOut, Has.Count.EqualTo(3));
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "report.json"))))
            Assert.That(doc.RootElement.GetProperty("metrics")[0].GetProperty("histogram").GetProperty("buckets").GetArrayLength(), Is.EqualTo(1000));

        var csv = File.ReadAllLines(Path.Combine(_dir, "summary.csv"));
        Assert.That(csv[0], Is.EqualTo("metric,count,errors,rate_per_s,mean_us,min_us,p50_us,p75_us,p90_us,p95_us,p99_us,p999_us,max_us"));
        Assert.That(csv[1].Split(','), Is.EqualTo(new[] { "broadcast", "1000", "10", "100", "1001", "2", "1000", "1500", "1800", "1900", "1980", "1998", "2000" }));
        var series = File.ReadAllLines(Path.Combine(_dir, "series.csv"));
        Assert.That(series, Has.Length.EqualTo(11));
        Assert.That(series[1], Is.EqualTo("broadcast,1,100,1,100,500000,900000,990000,999000,1000000"));

        var md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.That(md, Does.Contain("| broadcast | 1000 | 10 | 100 | 1.001ms | 1ms | 1.8ms | 1.98ms | 1.998ms | 2ms |"));
        Assert.That(md, Does.Contain("| `broadcast.p99 < 1ms` | 1.98ms | **FAIL** |"));
        Assert.That(md, Does.Contain("- misdelivered: 2"));
        Assert.That(md, Does.Contain("Signing: pre-signed"));

        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Not.Contain("http://").IgnoreCase.And.Not.Contain("https://").IgnoreCase.Or.Contain("xmlns=\"http://www.w3.org/2000/svg\""));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src="));
        Assert.That(html, Does.Contain("1.98ms"));
        var svgs = System.Text.RegularExpressions.Regex.Matches(html, "<svg .*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.That(svgs, Has.Count.EqualTo(4));
        foreach (System.Text.RegularExpressions.Match svg in svgs)
            Assert.That(() => XElement.Parse(svg.Value), Throws.Nothing); // well-formed XML
        Assert.That(html, Does.Contain("latency percentiles over time").And.Contain("Throughput over time")
            .And.Contain("percentile curve").And.Contain("per recipient position"));
    }

    [Test]
    public void Loading_something_that_is_not_a_report_names_the_file()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "report.json");
        File.WriteAllText(path, "{\"format\":\"other\"}");
        Assert.That(() => ReportJson.Load(_dir), Throws.TypeOf<FormatException>().With.Message.StartsWith(path));
    }

    [Test]
    public void Merge_adds_histograms_and_counters_and_reevaluates_thresholds()
    {
        var a = SampleReports.Broadcast("a", 0, "1/2");
        var b = SampleReports.Broadcast("b", 10, "2/2");
        var merged = RunMerger.Merge([a, b], "merged", [Threshold.Parse("broadcast.p50 < 1.01ms"), Threshold.Parse("misdelivered == 4")]);
        var m = merged.Metric("broadcast")!;
        Assert.That(m.Count, Is.EqualTo(2000));
        Assert.That(m.Errors, Is.EqualTo(20));
        Assert.That(m.P50, Is.EqualTo(1006));
        Assert.That(merged.Counters["misdelivered"], Is.EqualTo(4));
        Assert.That(merged.Shards, Is.EqualTo(new[] { "1/2", "2/2" }));
        Assert.That(merged.FanOut[2].Count, Is.EqualTo(20));
        Assert.That(merged.Series["broadcast"][0].Count, Is.EqualTo(200));
        Assert.That(merged.Throughput, Is.EqualTo(200));
        Assert.That(merged.Thresholds.Select(t => t.Passed), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public void Compare_reports_deltas_per_metric()
    {
        var a = SampleReports.Broadcast("base");
        var b = SampleReports.Broadcast("cand", 20);
        var deltas = RunComparison.Compare(a, b);
        var p99 = deltas.Single(d => d.Metric == "broadcast" && d.Stat == "p99");
        Assert.That(p99.Baseline, Is.EqualTo(1980));
        Assert.That(p99.Candidate, Is.EqualTo(2000));
        Assert.That(RunComparison.Markdown(a, b), Does.Contain("| broadcast | p50 | 1ms | 1.02ms | +2.0% |"));
    }
}
