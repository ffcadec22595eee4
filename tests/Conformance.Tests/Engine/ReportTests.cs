using System.Text.Json.Nodes;
using System.Xml.Linq;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Reports;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Crypto;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>The report writers produce files that parse and carry the right verdicts.</summary>
[TestFixture]
[Category("Engine")]
public sealed class ReportTests
{
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("nitro-reports-");

    [TearDown]
    public void TearDown() => _dir.Delete(true);

    private static Scenario Scenario(string id, params string[] rules) => new()
    {
        Id = id, BaseId = id, Title = $"title of {id}", Description = "d", Expectation = "e", Rules = rules,
        Level = ScenarioLevel.Must, Protocols = ["NitroRPC/0.4"], Wallets = [], Steps = [], Mark = new SourceMark("f.yaml", 1, 1),
    };

    private static CaseResult Result(Scenario s, Outcome o, string message)
    {
        var t = DateTimeOffset.UtcNow;
        var step = new StepResult(0, "submit", "submit_app_state", o, message,
            [new Exchange("alice: submit_app_state", "{\"req\":[1]}", "{\"res\":[1]}", t)], t, t.AddMilliseconds(5));
        return new CaseResult(new ScenarioCase(s, "NitroRPC/0.4"), o, message, [step], t, t.AddMilliseconds(10), "reference");
    }

    [Test]
    public void AllReportsAreWrittenAndParse()
    {
        var ok = Scenario("app-sessions/a/ok", "R1");
        var bad = Scenario("app-sessions/a/bad", "R1");
        var known = Scenario("app-sessions/a/known", "R2");
        var results = new[]
        {
            Result(ok, Outcome.Ok, "fine"),
            Result(bad, Outcome.NonStrict, "rejected with \"x\" instead of \"y\""),
            Result(known, Outcome.Failed, "accepted"),
        };
        var rules = new RuleCatalog([new Rule("R1", "a.md", "§1", "t1", null), new Rule("R2", "a.md", "§2", "t2", "e"), new Rule("R3", "b.md", "§3", "t3", null)]);
        var settings = new RunSettings { ReportsDirectory = _dir.FullName, Strict = true, TreasuryKey = "0x01" };
        var target = new Target("reference", new Uri("ws://127.0.0.1:1/ws"), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", EthKey.FromSeed("t"), true, null);
        var list = KnownFailures.Parse("app-sessions/a/known\n");
        var report = ReportSet.WriteAll(settings, target, results.Select(r => JudgedCase.Of(r, settings.Strict, list)), rules, [ok, bad, known],
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        Assert.That(report.Passed, Is.False);
        var allure = Path.Combine(_dir.FullName, "allure-results");
        var resultFiles = Directory.GetFiles(allure, "*-result.json");
        Assert.That(resultFiles, Has.Length.EqualTo(3));
        var parsed = resultFiles.Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();
        var badJson = parsed.Single(p => (string)p["fullName"]! == "app-sessions/a/bad [NitroRPC/0.4]");
        Assert.That((string)badJson["status"]!, Is.EqualTo("failed"));
        Assert.That((string)badJson["statusDetails"]!["message"]!, Does.StartWith("NON-STRICT"));
        Assert.That((string)badJson["testCaseId"]!, Is.EqualTo(AllureWriter.StableId("app-sessions/a/bad")));
        Assert.That(badJson["labels"]!.AsArray().Select(l => (string)l!["name"]!), Is.SupersetOf(new[] { "epic", "feature", "story", "suite", "severity", "tag" }));
        Assert.That(badJson["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "Treasury key")!["mode"]!.GetValue<string>(), Is.EqualTo("masked"));
        var exchange = badJson["steps"]![0]!["steps"]![0]!;
        Assert.That((string)exchange["name"]!, Is.EqualTo("alice: submit_app_state"));
        var attachment = (string)exchange["attachments"]![0]!["source"]!;
        Assert.That(File.ReadAllText(Path.Combine(allure, (string)exchange["attachments"]![1]!["source"]!)), Is.EqualTo("{\"res\":[1]}"));
        Assert.That(File.ReadAllText(Path.Combine(allure, attachment)), Is.EqualTo("{\"req\":[1]}"));
        var knownJson = parsed.Single(p => (string)p["fullName"]! == "app-sessions/a/known [NitroRPC/0.4]");
        Assert.That((string)knownJson["status"]!, Is.EqualTo("skipped"));
        Assert.That(File.ReadAllText(Path.Combine(allure, "environment.properties")), Does.Contain("Target=reference"));
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(allure, "categories.json")))!.AsArray(), Has.Count.GreaterThan(3));

        var junit = XDocument.Load(Path.Combine(_dir.FullName, "junit.xml"));
        Assert.That(junit.Root!.Attribute("tests")!.Value, Is.EqualTo("3"));
        Assert.That(junit.Descendants("failure").Count(), Is.EqualTo(1));
        Assert.That(junit.Descendants("skipped").Count(), Is.EqualTo(1));

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.FullName, "summary.json")))!;
        Assert.That((int)summary["counts"]!["NON-STRICT"]!, Is.EqualTo(1));
        Assert.That(summary["uncovered_rules"]!.AsArray().Select(n => (string)n!), Is.EqualTo(new[] { "R3" }));
        Assert.That(summary["coverage"]!["R1"]!.AsArray(), Has.Count.EqualTo(2));

        var html = File.ReadAllText(Path.Combine(_dir.FullName, "index.html"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("class=\"NON-STRICT\"").And.Contain("app-sessions/a/known"));
        Assert.That(XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal)).Root!.Name.LocalName, Is.EqualTo("html"));
        var md = File.ReadAllText(Path.Combine(_dir.FullName, "index.md"));
        Assert.That(md, Does.Contain("| `app-sessions/a/known` | must | FAILED (known) |"));
        Assert.That(File.ReadAllText(Path.Combine(_dir.FullName, "coverage.md")), Does.Contain("| `R3` | b.md | §3 | t3 | **none** |"));
    }

    [Test]
    public void SettingsComeFromEnvironmentAndOverrides()
    {
        var env = new Dictionary<string, string?> { ["NITRO_TARGET__URL"] = "ws://127.0.0.1:9/ws", ["NITRO_RUN__PUSHTIMEOUTMS"] = "700", ["NITRO_RUN__NOTRUNFAILS"] = "true", ["OTHER"] = "x" };
        var config = RunSettings.BuildConfiguration(_dir.FullName, [new("Run:Seed", "s1")], env);
        var s = RunSettings.From(config, _dir.FullName);
        Assert.That(s.TargetUrl, Is.EqualTo("ws://127.0.0.1:9/ws"));
        Assert.That(s.Embedded, Is.False);
        Assert.That(s.Strict, Is.False);
        Assert.That(s.PushTimeoutMs, Is.EqualTo(700));
        Assert.That(s.NotRunFails, Is.True);
        Assert.That(RunSettings.From(RunSettings.BuildConfiguration(_dir.FullName, null, new Dictionary<string, string?>()), _dir.FullName).NotRunFails, Is.False);
        Assert.That(s.Seed, Is.EqualTo("s1"));
        Assert.That(s.TargetName, Is.EqualTo("127.0.0.1"));
        Assert.That(s.ReportsDirectory, Is.EqualTo(Path.Combine(_dir.FullName, "reports", "conformance")));
    }

    [Test]
    public void BadSettingsNameTheKey()
    {
        var env = new Dictionary<string, string?> { ["NITRO_TARGET__URL"] = "http://127.0.0.1:8000/ws" }; // wrong scheme: ws:// or wss:// only
        var ex = Assert.Throws<InvalidOperationException>(() => RunSettings.From(RunSettings.BuildConfiguration(_dir.FullName, null, env), _dir.FullName))!;
        Assert.That(ex.Message, Does.Contain("Target:Url").And.Contain("NITRO_TARGET__URL"));
        var env2 = new Dictionary<string, string?> { ["NITRO_RUN__CASETIMEOUTMS"] = "soon" };
        var ex2 = Assert.Throws<InvalidOperationException>(() => RunSettings.From(RunSettings.BuildConfiguration(_dir.FullName, null, env2), _dir.FullName))!;
        Assert.That(ex2.Message, Does.Contain("Run:CaseTimeoutMs"));
    }
}
