using System.Text.Json.Nodes;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Scenarios;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>The step table is the one list of actions: scenarios/schema.json, the step records and the loader agree with it.</summary>
[TestFixture]
public sealed class StepTableTests
{
    private static JsonObject SchemaStep()
    {
        var root = RunSettings.FindRepositoryRoot(AppContext.BaseDirectory);
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "scenarios", "schema.json")))!;
        return schema["$defs"]!["step"]!.AsObject();
    }

    /// <summary>schema.json's <c>do</c> enum lists the table's actions in the table's order.</summary>
    [Test]
    public void SchemaListsTheTableActions()
    {
        var actions = SchemaStep()["properties"]!["do"]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.That(actions, Is.EqualTo(StepTable.Rows.Select(r => r.Action)));
    }

    /// <summary>For every action, the keys schema.json allows are exactly the common keys plus the row's keys, and each has a type.</summary>
    [Test]
    public void SchemaAllowsExactlyTheTableKeysPerAction()
    {
        var step = SchemaStep();
        var typed = step["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        var perAction = step["allOf"]!.AsArray().ToDictionary(
            c => (string)c!["if"]!["properties"]!["do"]!["const"]!,
            c => c!["then"]!["propertyNames"]!["enum"]!.AsArray().Select(n => (string)n!).ToHashSet());
        Assert.That(perAction.Keys, Is.EquivalentTo(StepTable.Rows.Select(r => r.Action)));
        foreach (var row in StepTable.Rows)
        {
            Assert.That(perAction[row.Action], Is.EquivalentTo(StepTable.Common.Concat(row.Keys)), $"schema.json keys of {row.Action}");
            Assert.That(typed, Is.SupersetOf(perAction[row.Action]), $"schema.json properties must type every key of {row.Action}");
        }
        Assert.That(typed, Is.EquivalentTo(StepTable.Rows.SelectMany(r => r.Keys).Concat(StepTable.Common).Distinct()), "no schema property outside the table");
    }

    /// <summary>Every concrete step record has a row, and every row binds to its record.</summary>
    [Test]
    public void EveryStepRecordHasARowAndEveryRowBindsItsRecord()
    {
        var records = typeof(Step).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Step)) && !t.IsAbstract);
        Assert.That(StepTable.Rows.Select(r => r.Record).Distinct(), Is.EquivalentTo(records));
        foreach (var row in StepTable.Rows)
        {
            var errors = new List<ScenarioError>();
            var map = new YMap(new SourceMark("t.yaml", 1, 1), []);
            var step = row.Bind(new StepReader(map, $"steps[0]({row.Action})", new FieldReader(errors)));
            Assert.That(step, Is.TypeOf(row.Record), row.Action);
        }
    }

    /// <summary>A key outside the action's row is rejected, naming the keys the action allows.</summary>
    [Test]
    public void AKeyOfAnotherActionIsRejectedWithTheAllowedOnes()
    {
        var ex = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.LoadText("k.yaml", """
            id: t/keys
            title: t
            description: d
            expectation: e
            rules: [r]
            level: must
            wallets: { alice: {} }
            steps:
              - do: query
                method: ping
                session: main
            """));
        Assert.That(ex!.Message, Does.Contain("steps[0].session: unknown key 'session' (allowed: do, name, as, signers, when, timestamp, timeout_ms, expect, signature, method, params, save)"));
    }
}
