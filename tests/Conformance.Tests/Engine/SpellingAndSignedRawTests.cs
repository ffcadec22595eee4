using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Address spellings (<c>{wallet:eve/bare}</c>, auth <c>key_spelling</c>) and signed raw frames (<c>signers</c> + <c>{req_sigs}</c>).</summary>
[TestFixture]
[Category("Engine")]
public sealed class SpellingAndSignedRawTests
{
    private const string Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    [TestCase("lower", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8")]
    [TestCase("upper", "0x70997970C51812DC3A010C7D01B50E0D17DC79C8")]
    [TestCase("bare", "70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    [TestCase("bare_lower", "70997970c51812dc3a010c7d01b50e0d17dc79c8")]
    [TestCase("capital_x", "0X70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    [TestCase("checksum", null)]
    public void EachSpellingRewritesTheDigitsOrPrefixOnly(string form, string? expected) =>
        Assert.That(AddressSpelling.Apply(form, Address), Is.EqualTo(expected));

    [Test]
    public void TheReqValueIsFoundAsWrittenWithSpacingAndEscapes()
    {
        const string req = "[1, \"m\", {\"d\":\"]\\\"}\\ud800[\"} , 2]";
        var frame = "{ \"sig\" : [\"0x00\"], \"req\" :  " + req + " , \"sid\":\"x\"}";
        var found = FrameReqText.Find(frame);
        Assert.That(found, Is.Not.Null);
        Assert.That(frame.Substring(found!.Value.Start, found.Value.Length), Is.EqualTo(req));
    }

    [Test]
    public void TheLastKeyReadingReqInAnyCaseOrEscapeWins()
    {
        const string frame = "{\"req\":[1],\"R\\u0045q\":[2,\"x\"],\"sig\":[]}";
        var found = FrameReqText.Find(frame)!.Value;
        Assert.That(frame.Substring(found.Start, found.Length), Is.EqualTo("[2,\"x\"]"));
    }

    [TestCase("[1,2]")]
    [TestCase("{\"res\":[1]}")]
    [TestCase("{\"req\":[1,\"unterminated]}")]
    [TestCase("")]
    public void AFrameWithoutAReadableReqHasNone(string frame) => Assert.That(FrameReqText.Find(frame), Is.Null);

    private static string Scenario(string step) => $$"""
        id: envelope/demo
        title: t
        description: d
        expectation: e
        rules: [R1]
        level: must
        wallets: { alice: {} }
        steps:
          - {{step}}
        """;

    [TestCase("do: raw\n    frame: '{{\"req\":[1],\"sig\":[]}}'\n    signers: [alice]", "steps[0](raw).frame", "needs {req_sigs}")]
    [TestCase("do: raw\n    frame: '{{\"req\":[1],\"sig\":{req_sigs}}}'", "steps[0](raw).signers", "are required by {req_sigs}")]
    [TestCase("do: raw\n    frame: '{{\"req\":[1],\"sig\":[]}}'\n    signed_req: '[1]'", "steps[0](raw).signed_req", "needs signers")]
    [TestCase("do: auth\n    key_spelling: mixed", "steps[0](auth).key_spelling", "'mixed' is not an address spelling (lower, upper, bare, bare_lower, capital_x)")]
    public void MisusedKeysAreNamed(string step, string field, string message)
    {
        var ex = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.LoadText("demo.yaml", Scenario(step)))!;
        Assert.That(ex.Errors.Any(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal)), Is.True,
            string.Join("\n", ex.Errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    [Test]
    public void ASignedRawFrameWithItsPlaceholderLoads()
    {
        var step = (RawStep)ScenarioLoader.LoadText("demo.yaml", Scenario("do: raw\n    frame: '{{\"req\":[1],\"sig\":{req_sigs}}}'\n    signers: [alice]\n    signed_req: '[2]'")).Single().Steps[0];
        Assert.That(step.Signers, Is.EqualTo(new[] { "alice" }));
        Assert.That(step.SignedReq, Is.EqualTo("[2]"));
    }
}
