using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Reports;

/// <summary>Writes every report of a run into the reports directory.</summary>
public static class ReportSet
{
    /// <summary>Writes allure-results/, junit.xml, index.md, index.html, summary.json and coverage.md; returns the report.</summary>
    public static ConformanceReport WriteAll(RunSettings settings, Target target, IEnumerable<JudgedCase> cases,
        RuleCatalog? rules, IReadOnlyList<Scenario> scenarios, DateTimeOffset started, DateTimeOffset finished)
    {
        var dir = settings.ReportsDirectory;
        Directory.CreateDirectory(dir);
        var judged = JudgedCase.InReportOrder(cases);
        var coverage = rules is null ? null : CoverageTable.Build(rules, scenarios);
        var env = new Dictionary<string, string>
        {
            ["Target"] = target.Name,
            ["Target.Url"] = target.Url.ToString(),
            ["Broker"] = target.BrokerAddress,
            ["Treasury"] = target.Treasury.Address,
            ["Embedded"] = target.Embedded ? "yes" : "no",
            ["Strict"] = settings.Strict ? "yes" : "no",
            ["Seed"] = settings.Seed,
            ["Run id"] = target.RunId,
            ["Assets"] = string.Join(", ", settings.Assets.Select(a => $"{a.Key}={a.Value}")),
            ["Runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
        if (settings.TreasuryKey is not null) env["Treasury key"] = "configured";
        AllureWriter.Write(Path.Combine(dir, "allure-results"), judged, env, settings.Strict);
        JUnitWriter.Write(Path.Combine(dir, "junit.xml"), judged, target.Name);
        var report = new ConformanceReport(target.Name, target.Url.ToString(), settings.Strict, started, finished, judged, coverage)
        {
            AuthRequests = target.AuthRequests.Count,
        };
        File.WriteAllText(Path.Combine(dir, "index.md"), report.ToMarkdown());
        File.WriteAllText(Path.Combine(dir, "index.html"), report.ToHtml());
        File.WriteAllText(Path.Combine(dir, "summary.json"), report.ToJson());
        if (coverage is not null) File.WriteAllText(Path.Combine(dir, "coverage.md"), "# Rule coverage\n\n" + coverage.ToMarkdown());
        return report;
    }
}
