using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Reports;

/// <summary>Writes Allure 2/3 "allure-results" files: one <c>&lt;uuid&gt;-result.json</c> per case, attachments, environment and categories.</summary>
public static class AllureWriter
{
    /// <summary>Writes into <paramref name="directory"/> (emptied first).</summary>
    public static void Write(string directory, IReadOnlyList<JudgedCase> cases, IReadOnlyDictionary<string, string> environment, bool strict)
    {
        if (Directory.Exists(directory))
            foreach (var f in Directory.EnumerateFiles(directory)) File.Delete(f);
        Directory.CreateDirectory(directory);
        foreach (var c in cases) WriteCase(directory, c, environment, strict);
        File.WriteAllLines(Path.Combine(directory, "environment.properties"),
            environment.Select(e => $"{e.Key}={e.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)}"));
        File.WriteAllText(Path.Combine(directory, "categories.json"), Categories().ToJsonString(Indented));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static JsonArray Categories() =>
    [
        new JsonObject { ["name"] = "NON-STRICT: rejected with another error text", ["matchedStatuses"] = new JsonArray("failed", "passed"), ["messageRegex"] = "^NON-STRICT.*" },
        new JsonObject { ["name"] = "FAILED: wrong behaviour", ["matchedStatuses"] = new JsonArray("failed"), ["messageRegex"] = "^FAILED.*" },
        new JsonObject { ["name"] = "CRASHED: the node stopped answering", ["matchedStatuses"] = new JsonArray("broken", "skipped"), ["messageRegex"] = "^(expected failure: )?CRASHED.*" },
        new JsonObject { ["name"] = "Known failures (expected)", ["matchedStatuses"] = new JsonArray("skipped"), ["messageRegex"] = "^expected failure.*" },
        new JsonObject { ["name"] = "UNIMPLEMENTED: optional feature missing", ["matchedStatuses"] = new JsonArray("skipped"), ["messageRegex"] = "^UNIMPLEMENTED.*" },
        new JsonObject { ["name"] = "SKIPPED", ["matchedStatuses"] = new JsonArray("skipped"), ["messageRegex"] = "^SKIPPED.*" },
        new JsonObject { ["name"] = "Stale known-failing entry", ["matchedStatuses"] = new JsonArray("failed"), ["messageRegex"] = "^STALE.*" },
    ];

    /// <summary>Stable hex id (MD5) of a text, as Allure uses for historyId / testCaseId.</summary>
    public static string StableId(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static void WriteCase(string dir, JudgedCase jc, IReadOnlyDictionary<string, string> env, bool strict)
    {
        var r = jc.Result;
        var s = r.Case.Scenario;
        var uuid = Guid.NewGuid().ToString();
        var (status, message) = jc.Verdict switch
        {
            Verdict.Fail when r.Outcome == Outcome.Crashed => ("broken", $"CRASHED: {r.Message}"),
            Verdict.Fail => ("failed", $"{r.Outcome.Label()}: {r.Message}"),
            Verdict.ExpectedFailure when r.Outcome == Outcome.Crashed => ("skipped", $"expected failure: CRASHED: {r.Message}"),
            Verdict.UnexpectedPass => ("failed", $"STALE: listed as known-failing but {r.Outcome.Label()}: {r.Message}"),
            Verdict.ExpectedFailure => ("skipped", $"expected failure: {r.Message}"),
            Verdict.NotRun => ("skipped", $"{r.Outcome.Label()}: {r.Message}"),
            _ => ("passed", r.Outcome == Outcome.Ok ? "OK" : $"{r.Outcome.Label()}: {r.Message}{(strict ? "" : " (non-strict mode)")}"),
        };
        var labels = new JsonArray
        {
            Label("epic", "ClearNode v0.5.x conformance"),
            Label("feature", s.Area),
            Label("story", s.Family),
            Label("parentSuite", s.Area),
            Label("suite", s.Family),
            Label("subSuite", r.Case.Protocol),
            Label("severity", s.Level switch { ScenarioLevel.Must => "critical", ScenarioLevel.Safety => "blocker", _ => "minor" }),
            Label("tag", $"level-{s.Level.ToString().ToLowerInvariant()}"),
            Label("tag", r.Case.Protocol),
            Label("framework", "nunit"),
            Label("language", "csharp"),
            Label("AS_ID", s.Id),
        };
        foreach (var t in s.Tags) labels.Add(Label("tag", t));
        foreach (var rule in s.Rules) labels.Add(Label("tag", $"rule:{rule}"));

        var parameters = new JsonArray
        {
            Parameter("protocol", r.Case.Protocol),
            Parameter("target", r.Target),
        };
        foreach (var (k, v) in s.Parameters) parameters.Add(Parameter(k, v));
        foreach (var (k, v) in env.Where(e => e.Key.Contains("key", StringComparison.OrdinalIgnoreCase))) parameters.Add(Parameter(k, v));

        var steps = new JsonArray();
        foreach (var step in r.Steps)
        {
            // One sub-step per RPC exchange (or received push), with the raw frames attached.
            var exchanges = new JsonArray();
            foreach (var ex in step.Exchanges)
            {
                var attachments = new JsonArray();
                if (ex.Request is not null) attachments.Add(Attachment(dir, "request frame", ex.Request));
                if (ex.Response is not null) attachments.Add(Attachment(dir, ex.Request is null ? "received frame" : "response frame", ex.Response));
                var at = ex.Time.ToUnixTimeMilliseconds();
                exchanges.Add(new JsonObject
                {
                    ["name"] = ex.Label,
                    ["status"] = "passed",
                    ["stage"] = "finished",
                    ["start"] = at,
                    ["stop"] = at,
                    ["attachments"] = attachments,
                    ["parameters"] = new JsonArray(),
                    ["steps"] = new JsonArray(),
                });
            }
            steps.Add(new JsonObject
            {
                ["name"] = step.Method is null ? step.Label : $"{step.Label} ({step.Method})",
                ["status"] = step.Outcome switch { Outcome.Ok => "passed", Outcome.NonStrict => strict ? "failed" : "passed", Outcome.Failed => "failed", Outcome.Crashed => "broken", _ => "skipped" },
                ["statusDetails"] = new JsonObject { ["message"] = $"{step.Outcome.Label()}: {step.Message}" },
                ["stage"] = "finished",
                ["start"] = step.Start.ToUnixTimeMilliseconds(),
                ["stop"] = step.Stop.ToUnixTimeMilliseconds(),
                ["attachments"] = new JsonArray(),
                ["parameters"] = new JsonArray(),
                ["steps"] = exchanges,
            });
        }

        var result = new JsonObject
        {
            ["uuid"] = uuid,
            ["historyId"] = StableId($"{r.Case.Name}@{r.Target}"),
            ["testCaseId"] = StableId(s.Id),
            ["fullName"] = $"{s.Id} [{r.Case.Protocol}]",
            // Matrix rows share a title; the row suffix of the id ("[negative]") keeps their names apart.
            ["name"] = $"{s.Title} {s.Id[s.BaseId.Length..]} [{r.Case.Protocol}]".Replace("  ", " ", StringComparison.Ordinal),
            ["description"] = $"{s.Id}\n\n{s.Description}\n\nExpectation: {s.Expectation}\n\nRules: {string.Join(", ", s.Rules)}\nFile: {s.Mark}",
            ["status"] = status,
            ["statusDetails"] = new JsonObject { ["message"] = message, ["known"] = jc.Verdict == Verdict.ExpectedFailure },
            ["stage"] = "finished",
            ["start"] = r.Start.ToUnixTimeMilliseconds(),
            ["stop"] = r.Stop.ToUnixTimeMilliseconds(),
            ["labels"] = labels,
            ["parameters"] = parameters,
            ["links"] = new JsonArray(),
            ["steps"] = steps,
            ["attachments"] = r.Crash is { } crash ? new JsonArray(Attachment(dir, "crash: frame and frames before it", crash.Describe())) : new JsonArray(),
        };
        File.WriteAllText(Path.Combine(dir, $"{uuid}-result.json"), result.ToJsonString(Indented));
    }

    private static JsonObject Label(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static JsonObject Parameter(string name, string value)
    {
        var masked = name.Contains("key", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase);
        var p = new JsonObject { ["name"] = name, ["value"] = masked ? "******" : value };
        if (masked) p["mode"] = "masked";
        return p;
    }

    private static JsonObject Attachment(string dir, string name, string content)
    {
        var isJson = content.TrimStart().StartsWith('{') || content.TrimStart().StartsWith('[');
        var source = $"{Guid.NewGuid()}-attachment.{(isJson ? "json" : "txt")}";
        File.WriteAllText(Path.Combine(dir, source), content);
        return new JsonObject { ["name"] = name, ["source"] = source, ["type"] = isJson ? "application/json" : "text/plain" };
    }
}
