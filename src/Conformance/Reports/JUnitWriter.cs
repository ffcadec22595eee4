using System.Globalization;
using System.Xml.Linq;
using NitroConformance.Conformance.Outcomes;

namespace NitroConformance.Conformance.Reports;

/// <summary>Writes a JUnit XML report (one testsuite per area, one testcase per case).</summary>
public static class JUnitWriter
{
    /// <summary>Writes <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<JudgedCase> cases, string target)
    {
        static string Secs(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suites = cases.GroupBy(c => c.Result.Case.Scenario.Area).Select(g => new XElement("testsuite",
            new XAttribute("name", $"{g.Key} @ {target}"),
            new XAttribute("tests", g.Count()),
            new XAttribute("failures", g.Count(c => c.Verdict is Verdict.Fail or Verdict.UnexpectedPass)),
            new XAttribute("skipped", g.Count(c => c.Verdict is Verdict.NotRun or Verdict.ExpectedFailure)),
            new XAttribute("errors", 0),
            new XAttribute("time", Secs(TimeSpan.FromTicks(g.Sum(c => c.Result.Duration.Ticks)))),
            g.Select(c => new XElement("testcase",
                new XAttribute("classname", $"{c.Result.Case.Scenario.Area}.{c.Result.Case.Scenario.Family}"),
                new XAttribute("name", c.Result.Case.Name),
                new XAttribute("time", Secs(c.Result.Duration)),
                c.Verdict switch
                {
                    Verdict.Fail => new XElement("failure", new XAttribute("message", $"{c.Result.Outcome.Label()}: {c.Result.Message}"),
                        string.Join("\n", c.Result.Steps.Select(s => $"[{s.Outcome.Label()}] {s.Label}: {s.Message}")
                            .Concat(c.Result.Crash is { } crash ? [crash.Describe()] : []))),
                    Verdict.UnexpectedPass => new XElement("failure", new XAttribute("message", $"listed as known-failing but {c.Result.Outcome.Label()}")),
                    Verdict.ExpectedFailure => new XElement("skipped", new XAttribute("message", $"expected failure: {c.Result.Message}")),
                    Verdict.NotRun => new XElement("skipped", new XAttribute("message", $"{c.Result.Outcome.Label()}: {c.Result.Message}")),
                    _ => null,
                },
                new XElement("system-out", $"{c.Result.Outcome.Label()}: {c.Result.Message}"
                    + (c.Result.Crash is { } crashed ? "\n" + crashed.Describe() : ""))))));
        var doc = new XDocument(new XElement("testsuites",
            new XAttribute("name", $"NitroConformance @ {target}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Verdict is Verdict.Fail or Verdict.UnexpectedPass)),
            suites));
        doc.Save(path);
    }
}
