using NitroConformance.Conformance.Scenarios;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Scenario loading: valid files bind, bad files fail naming file, line and field.</summary>
[TestFixture]
[Category("Engine")]
public sealed class LoaderTests
{
    private const string Valid = """
        id: app-sessions/demo/basic
        title: Demo
        description: d
        expectation: e
        rules: [R1]
        level: must
        wallets:
          alice: { funds: { usdc: "100" } }
          bob: {}
        session:
          participants: [alice, bob]
          weights: [100, 0]
          quorum: 100
        steps:
          - do: create
          - do: submit
            version: current+1
            signers: [alice, bob]
            expect:
              error: "expected {version+1}"
              pattern: "version"
              unchanged: true
        """;

    private static ScenarioLoadException Fails(string yaml, RuleCatalog? rules = null) =>
        Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.LoadText("demo.yaml", yaml, rules))!;

    [Test]
    public void ValidScenarioBindsEveryPart()
    {
        var s = ScenarioLoader.LoadText("demo.yaml", Valid).Single();
        Assert.That(s.Id, Is.EqualTo("app-sessions/demo/basic"));
        Assert.That(s.Protocols, Is.EqualTo(new[] { "NitroRPC/0.2", "NitroRPC/0.4" }));
        Assert.That(s.Wallets.Select(w => w.Name), Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(s.Wallets[0].Funds["usdc"], Is.EqualTo(100m));
        Assert.That(s.Session.Weights, Is.EqualTo(new long[] { 100, 0 }));
        Assert.That(((SubmitStep)s.Steps[1]).Version!.Resolve(4), Is.EqualTo(5));
        Assert.That(s.Steps[1].Signers, Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(s.Steps[1].Expect.Error, Is.EqualTo("expected {version+1}"));
        Assert.That(s.Steps[1].Expect.Unchanged, Is.True);
        Assert.That(s.Area, Is.EqualTo("app-sessions"));
        Assert.That(s.Family, Is.EqualTo("demo"));
    }

    [Test]
    public void SyntaxErrorReportsFileAndLine()
    {
        var ex = Fails("id: a/b\ntitle: [unclosed\nlevel: must\n");
        Assert.That(ex.Errors[0].Mark.File, Is.EqualTo("demo.yaml"));
        Assert.That(ex.Errors[0].Mark.Line, Is.GreaterThanOrEqualTo(2));
        Assert.That(ex.Message, Does.Contain("demo.yaml:"));
    }

    [Test]
    public void UnknownKeyIsReportedWithLineAndField()
    {
        var ex = Fails(Valid.Replace("  - do: create", "  - do: create\n    quorom: 5"));
        var e = ex.Errors.Single();
        Assert.That(e.Field, Is.EqualTo("steps[0].quorom"));
        Assert.That(e.Mark.Line, Is.EqualTo(16));
        Assert.That(e.Message, Does.Contain("unknown key 'quorom'"));
    }

    [Test]
    public void UnknownSignerWalletIsReported()
    {
        var ex = Fails(Valid.Replace("signers: [alice, bob]", "signers: [alice, carol]"));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("steps[1](submit).signers"));
        Assert.That(ex.Errors.Single().Message, Does.Contain("unknown wallet 'carol'"));
    }

    [Test]
    public void SessionKeySignerNeedsADeclaredKey()
    {
        var ex = Fails(Valid.Replace("signers: [alice, bob]", "signers: [alice.key]"));
        Assert.That(ex.Errors.Single().Message, Does.Contain("wallets.alice.session_key"));
    }

    [TestCase("-1")]
    [TestCase("18446744073709551616")]
    [TestCase("soon")]
    public void ExpiresAtOutsideUInt64IsReportedWithItsField(string value)
    {
        var ex = Fails(Valid.Replace("alice: { funds: { usdc: \"100\" } }", $"alice: {{ funds: {{ usdc: \"100\" }}, session_key: {{ expires_at: {value} }} }}"));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("wallets.alice.session_key.expires_at"));
        Assert.That(ex.Errors.Single().Message, Does.Contain("from 0 to 18446744073709551615"));
    }

    [Test]
    public void MalformedVersionIsReportedAtItsLine()
    {
        var ex = Fails(Valid.Replace("version: current+1", "version: next"));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("steps[1](submit).version"));
        Assert.That(ex.Errors.Single().Mark.Line, Is.EqualTo(17));
    }

    [Test]
    public void WeightsMustMatchParticipants()
    {
        var ex = Fails(Valid.Replace("weights: [100, 0]", "weights: [100]"));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("session.weights"));
    }

    [Test]
    public void UnknownActionAndLevelAreReported()
    {
        var ex = Fails(Valid.Replace("do: create", "do: crate").Replace("level: must", "level: should"));
        Assert.That(ex.Errors.Select(e => e.Message), Has.Some.Contains("unknown action 'crate'"));
        Assert.That(ex.Errors.Single(e => e.Field == "level").Message, Does.Contain("'should' is not one of must, safety, info"));
    }

    [Test]
    public void MissingRequiredKeyIsReported()
    {
        var ex = Fails(Valid.Replace("title: Demo\n", ""));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("title"));
        Assert.That(ex.Errors.Single().Message, Is.EqualTo("is required"));
    }

    [Test]
    public void DuplicateKeyIsASyntaxError()
    {
        var ex = Fails(Valid.Replace("level: must", "level: must\nlevel: info"));
        Assert.That(ex.Errors.Single().Message, Does.Contain("duplicate key 'level'"));
        Assert.That(ex.Errors.Single().Mark.Line, Is.EqualTo(7));
    }

    [Test]
    public void UnknownRuleIdIsReportedWhenACatalogueIsGiven()
    {
        var rules = RuleCatalog.Parse("rules.yaml", "- { id: R2, spec: a.md, section: '1', text: t }\n");
        var ex = Fails(Valid, rules);
        Assert.That(ex.Errors.Single().Message, Does.Contain("unknown rule id 'R1'"));
    }

    [Test]
    public void ExpectOkCannotCarryAnErrorText()
    {
        var ex = Fails(Valid.Replace("      error: \"expected {version+1}\"", "      ok: {}\n      error: x"));
        Assert.That(ex.Errors.Select(e => e.Message), Has.Some.Contains("ok cannot be combined"));
    }

    [Test]
    public void MatrixRowsExpandWithTypedSubstitution()
    {
        var yaml = Valid.Replace("signers: [alice, bob]", "signers: \"{who}\"").Replace("expected {version+1}", "sum {sum} / 100")
            + "\nmatrix:\n  - { case: alice-only, who: [alice], sum: 100 }\n  - { case: bob-only, who: [bob], sum: 0 }\n";
        var list = ScenarioLoader.LoadText("demo.yaml", yaml);
        Assert.That(list.Select(s => s.Id), Is.EqualTo(new[] { "app-sessions/demo/basic[alice-only]", "app-sessions/demo/basic[bob-only]" }));
        Assert.That(list[1].Steps[1].Signers, Is.EqualTo(new[] { "bob" }));
        Assert.That(list[1].Steps[1].Expect.Error, Is.EqualTo("sum 0 / 100"));
        Assert.That(list[0].Parameters["who"], Is.EqualTo("alice"));
    }

    [Test]
    public void CartesianMatrixNamesCasesByValues()
    {
        var yaml = Valid.Replace("expected {version+1}", "{a}-{b}") + "\nmatrix:\n  a: [x, y]\n  b: [1, 2]\n";
        var ids = ScenarioLoader.LoadText("demo.yaml", yaml).Select(s => s.Id).ToList();
        Assert.That(ids, Has.Count.EqualTo(4));
        Assert.That(ids, Does.Contain("app-sessions/demo/basic[a=y,b=2]"));
    }

    [Test]
    public void MatrixMayNotShadowRunTimePlaceholders()
    {
        var ex = Fails(Valid + "\nmatrix:\n  version: [1, 2]\n");
        Assert.That(ex.Errors.Select(e => e.Field), Does.Contain("matrix.version"));
    }

    [Test]
    public void DirectoryLoadRejectsDuplicateIds()
    {
        var dir = Directory.CreateTempSubdirectory("nitro-scen-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "a"));
            File.WriteAllText(Path.Combine(dir.FullName, "a", "one.yaml"), Valid);
            File.WriteAllText(Path.Combine(dir.FullName, "a", "two.yaml"), Valid);
            var ex = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.LoadDirectory(dir.FullName))!;
            Assert.That(ex.Errors.Single().Message, Does.Contain("duplicate scenario id 'app-sessions/demo/basic'"));
            Assert.That(ex.Errors.Single().Mark.File, Does.EndWith("a/two.yaml"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Test]
    public void LoadHarnessFolderIsNotRead()
    {
        var dir = Directory.CreateTempSubdirectory("nitro-scen-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "load"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "a"));
            File.WriteAllText(Path.Combine(dir.FullName, "load", "profile.yaml"), "name: broadcast\nload: { clients: 10 }\n");
            File.WriteAllText(Path.Combine(dir.FullName, "a", "one.yaml"), Valid);
            Assert.That(ScenarioLoader.LoadDirectory(dir.FullName).Select(s => s.Id), Is.EqualTo(new[] { "app-sessions/demo/basic" }));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Test]
    public void RulesFileErrorsNameTheField()
    {
        var ex = Assert.Throws<ScenarioLoadException>(() => RuleCatalog.Parse("rules.yaml", "- { id: R1, spec: a.md, text: t }\n- { id: R1, spec: a, section: b, text: c }\n"))!;
        Assert.That(ex.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "[0].section", "[1].id" }));
    }
}
