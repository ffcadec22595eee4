using NitroConformance.Conformance.Tests.Coverage;
using NitroConformance.Conformance.Reports;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Signature forms, the new step keys and the gaps section of the rule catalogue.</summary>
[TestFixture]
[Category("Engine")]
public sealed class GapFeatureTests
{
    private static readonly EthKey Alice = EthKey.FromSeed("gap-feature-alice");

    private static string Recover(string text, string scheme, string signature)
    {
        Assert.That(Signature.TryRecoverAddress(SignedFrameBuilder.Digest(text, scheme), signature, out var address), Is.True);
        return address;
    }

    [Test]
    public void SpacedAddsOneSpaceAfterStructuralCommasAndColonsOnly() =>
        Assert.That(SignedFrameBuilder.Spaced("[1,\"a,b:\\\"c\",{\"k\":[1,2]},3]"), Is.EqualTo("[1, \"a,b:\\\"c\", {\"k\": [1, 2]}, 3]"));

    [Test]
    public void DefaultFormIsTheSdkFrame()
    {
        var request = new RpcRequest(7, "ping", new System.Text.Json.Nodes.JsonObject(), 1700000000000);
        var normal = RpcFrames.SignRequest(request, [Alice]);
        var built = SignedFrameBuilder.Build(request, [Alice], new SignatureFormSpec("27/28", "raw", "as_sent", "compact"));
        Assert.That(built.Frame, Is.EqualTo(normal.Frame));
    }

    [Test]
    public void VZeroOneKeepsTheSignerAndEndsInZeroOrOne()
    {
        var request = new RpcRequest(7, "ping", new System.Text.Json.Nodes.JsonObject(), 1700000000000);
        var built = SignedFrameBuilder.Build(request, [Alice], new SignatureFormSpec("0/1", "raw", "as_sent", "compact"));
        Assert.That(built.Signatures[0][^2..], Is.AnyOf("00", "01"));
        Assert.That(Recover(request.ReqJson, "raw", built.Signatures[0]), Is.EqualTo(Alice.Address));
    }

    [Test]
    public void Eip191AndOtherSpellingsRecoverToOtherAddresses()
    {
        var request = new RpcRequest(7, "ping", new System.Text.Json.Nodes.JsonObject { ["a"] = 1 }, 1700000000000);
        var eip191 = SignedFrameBuilder.Build(request, [Alice], new SignatureFormSpec("27/28", "eip191", "as_sent", "compact"));
        Assert.That(Recover(request.ReqJson, "raw", eip191.Signatures[0]), Is.Not.EqualTo(Alice.Address));
        Assert.That(Recover(request.ReqJson, "eip191", eip191.Signatures[0]), Is.EqualTo(Alice.Address));

        var respelt = SignedFrameBuilder.Build(request, [Alice], new SignatureFormSpec("27/28", "raw", "spaced", "compact"));
        Assert.That(respelt.Frame, Does.StartWith("{\"req\":" + request.ReqJson + ",\"sig\":["));
        Assert.That(Recover(request.ReqJson, "raw", respelt.Signatures[0]), Is.Not.EqualTo(Alice.Address));

        var spacedSent = SignedFrameBuilder.Build(request, [Alice], new SignatureFormSpec("27/28", "raw", "as_sent", "spaced"));
        Assert.That(spacedSent.Frame, Does.StartWith("{\"req\":[7, \"ping\", {\"a\": 1}, 1700000000000],\"sig\":["));
        Assert.That(Recover(spacedSent.ReqJson, "raw", spacedSent.Signatures[0]), Is.EqualTo(Alice.Address));
    }

    private const string Head = """
        id: engine/gaps/demo
        title: t
        description: d
        expectation: e
        rules: [R]
        level: must
        wallets:
          alice: { connections: 2, session_key: { application: conformance } }
          bob: {}
        steps:

        """;

    [Test]
    public void NewStepKeysLoad()
    {
        var s = ScenarioLoader.LoadText("demo.yaml", Head + """
              - do: raw
                connection: "alice#2"
                frame: ""
                expect: none
                within_ms: 200
              - do: auth
                as: alice
                challenge: previous
                sig: short
                key: alice.key
                save_key_as: key2
              - do: transfer
                as: alice
                to: bob
                signers: [alice.key2]
                signature: { v: "0/1", scheme: eip191, signed_text: spaced, sent_text: compact }
                allocations: [{ asset: usdc, amount: "1" }]
              - do: resend
                frame: previous
              - do: wait_push
                method: tr
                to: [alice, "alice#2"]
            """).Single();
        Assert.That(s.Wallets[0].Connections, Is.EqualTo(2));
        Assert.That(s.Steps[0].Expect.NoResponse, Is.True);
        Assert.That(((RawStep)s.Steps[0]).Frame, Is.EqualTo(""));
        var auth = (AuthStep)s.Steps[1];
        Assert.That(auth, Has.Property("Challenge").EqualTo("previous").And.Property("Signature").EqualTo("short")
            .And.Property("KeyRef").EqualTo("alice.key").And.Property("SaveKeyAs").EqualTo("key2"));
        Assert.That(s.Steps[2].SignatureForm, Is.EqualTo(new SignatureFormSpec("0/1", "eip191", "spaced", "compact")));
        Assert.That(s.Steps[3], Is.TypeOf<ResendStep>().And.Property("Action").EqualTo("resend"));
    }

    [TestCase("  - do: create\n    participants: [alice]\n    weights: [1]\n    quorum: 1\n    expect: none\n", "only for raw")]
    [TestCase("  - do: query\n    method: ping\n    signature: { v: \"2\" }\n", "'2' is not one of 27/28, 0/1")]
    [TestCase("  - do: auth\n    save_key_as: key\n", "not be 'key'")]
    [TestCase("  - do: auth\n    challenge: again\n", "'again' is not fresh or previous")]
    [TestCase("  - do: transfer\n    to: bob\n    signers: [alice.key3]\n    allocations: [{ asset: usdc, amount: \"1\" }]\n", "needs an auth step of alice with save_key_as: key3")]
    [TestCase("  - do: wait_push\n    method: tr\n    to: [\"bob#2\"]\n", "unknown wallet 'bob#2'")]
    [TestCase("  - do: resend\n    frame: first\n", "only 'previous'")]
    [TestCase("  - do: raw\n    frame: x\n    response_id: 1\n    expect: none\n", "needs a response")]
    [TestCase("  - do: wait_push\n    method: tr\n    not_to: [alice]\n    before_response: true\n", "needs to: the requester's connection")]
    [TestCase("  - do: query\n    method: get_user_tag\n    save: { Tag: tag }\n", "must be a name of lowercase letters")]
    [TestCase("  - do: auth\n    signature: { v: \"0/1\" }\n", "a auth step sends no request signed over req")]
    public void BadNewKeysAreNamed(string step, string message)
    {
        var ex = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.LoadText("demo.yaml", Head + step))!;
        Assert.That(ex.Message, Does.Contain(message));
    }

    [Test]
    public void GapsParseAndUnexplainedOnesAreFlagged()
    {
        var catalog = RuleCatalog.Parse("rules.yaml", """
            rules:
              - { id: a.rule, spec: s.md, section: "1", text: t }
            gaps:
              - id: g.explained
                spec: s.md
                section: "2"
                text: t
                gap: "needs a clock"
                covered_by: ["tests/X.cs::Y"]
              - { id: g.silent, spec: s.md, section: "3", text: t }
            """);
        Assert.That(catalog.Rules.Select(r => r.Id), Is.EqualTo(new[] { "a.rule" }));
        Assert.That(catalog.Gaps.Select(g => g.Rule.Id), Is.EqualTo(new[] { "g.explained", "g.silent" }));
        var table = CoverageTable.Build(catalog, []);
        Assert.That(table.UnexplainedGaps.Select(g => g.Rule.Id), Is.EqualTo(new[] { "g.silent" }));
        Assert.That(table.ToMarkdown(), Does.Contain("not over the wire (needs a clock); covered by:<br>`tests/X.cs::Y`")
            .And.Contain("**gap without reason**"));
    }

    [Test]
    public void AGapThatIsAlsoARuleIsRefused()
    {
        var ex = Assert.Throws<ScenarioLoadException>(() => RuleCatalog.Parse("rules.yaml",
            "rules:\n  - { id: a, spec: s, section: x, text: t }\ngaps:\n  - { id: a, spec: s, section: x, text: t, gap: g, covered_by: [f] }\n"))!;
        Assert.That(ex.Message, Does.Contain("is both a rule and a gap"));
    }

    [Test]
    public void CoveringTestReferencesAreChecked()
    {
        var root = Configuration.RunSettings.FindRepositoryRoot(AppContext.BaseDirectory);
        Assert.That(CoveringTest.Problem(root, "tests/Fixtures.Tests/AppSessions/CreateAppSessionTests.cs::B4_ChallengedChannel_GoErrorChallengedChannel"), Is.Null);
        Assert.That(CoveringTest.Problem(root, "tests/Fixtures.Tests/AppSessions/CreateAppSessionTests.cs::NoSuchTest"), Does.Contain("has no method NoSuchTest"));
        Assert.That(CoveringTest.Problem(root, "tests/Nope.cs::X"), Does.Contain("does not exist"));
        Assert.That(CoveringTest.Problem(root, "just-a-name"), Does.Contain("not of the form"));
    }
}
