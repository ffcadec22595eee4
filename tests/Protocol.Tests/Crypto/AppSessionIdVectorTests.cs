using NUnit.Framework;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Protocol.Tests.Crypto.VectorCases;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>app-session-ids.json and the Go-style JSON the id is hashed from.</summary>
public sealed class AppSessionIdVectorTests
{
    private const string File = "app-session-ids.json";

    private static IEnumerable<TestCaseData> Definitions() => Entries(File, "vectors");

    private static AppDefinition Parse(string json)
    {
        var node = JsonNode.Parse(json)!;
        return new AppDefinition(
            Str(node, "application"),
            Str(node, "protocol"),
            node["participants"]?.AsArray().Select(p => p!.GetValue<string>()).ToList()!,
            node["weights"]?.AsArray().Select(w => w!.GetValue<long>()).ToList()!,
            node["quorum"]!.GetValue<ulong>(),
            node["challenge"]!.GetValue<ulong>(),
            node["nonce"]!.GetValue<ulong>());
    }

    [TestCaseSource(nameof(Definitions))]
    public void GoJsonAndIdMatch(JsonNode entry)
    {
        var definition = Parse(Str(entry, "definition_as_sent"));
        Assert.Multiple(() =>
        {
            Assert.That(AppSessionId.GoJson(definition), Is.EqualTo(Str(entry, "go_json_marshal")));
            Assert.That(AppSessionId.Compute(definition), Is.EqualTo(Str(entry, "app_session_id")));
            Assert.That(AppSessionId.ComputeAsGoServer(definition), Is.EqualTo(Str(entry, "app_session_id")));
        });
        VectorTally.Ran(File, "-");
    }

    [Test]
    public void FieldOrderIsTheVectorsOrder()
    {
        var order = Array(File, "field_order").Select(f => f!.GetValue<string>()).ToList();
        var json = JsonNode.Parse(AppSessionId.GoJson(Sample()))!.AsObject();
        Assert.That(json.Select(p => p.Key), Is.EqualTo(order));
    }

    [Test]
    public void SpecWorkedExampleD()
    {
        var definition = new AppDefinition("clearnode", "NitroRPC/0.4",
            ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"], [100, 0], 100, 0, 1700000000000);
        Assert.That(AppSessionId.Compute(definition), Is.EqualTo("0x19be8b535a3ed6f2f3e8e6dfe685c33418ac7c43707170d26cfaa32c7da1b12a"));
    }

    [Test]
    public void GoEscapingOfApplicationText()
    {
        var definition = Sample() with { Application = "a\"b\\c\n\r\t\b\f\u0001\u001f<>&\u2028\u2029é€😀\u007f/" };
        Assert.That(AppSessionId.GoJson(definition), Does.StartWith(
            "{\"application\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u003c\\u003e\\u0026\\u2028\\u2029é€😀\u007f/\",\"protocol\":"));
    }

    [Test]
    public void LoneSurrogateBecomesReplacementEscape()
    {
        var definition = Sample() with { Application = "x\ud800y" };
        Assert.That(AppSessionId.GoJson(definition), Does.StartWith("{\"application\":\"x\\ufffdy\","));
    }

    [Test]
    public void NullListsAreWrittenAsNull()
    {
        var definition = Sample() with { Participants = null!, Weights = null! };
        Assert.That(AppSessionId.GoJson(definition), Is.EqualTo(
            "{\"application\":\"app\",\"protocol\":\"NitroRPC/0.4\",\"participants\":null,\"weights\":null,\"quorum\":2,\"challenge\":0,\"nonce\":42}"));
    }

    [Test]
    public void EmptyListsAreWrittenAsEmptyArrays()
    {
        var definition = Sample() with { Participants = [], Weights = [] };
        Assert.That(AppSessionId.GoJson(definition), Does.Contain("\"participants\":[],\"weights\":[],"));
    }

    [Test]
    public void NegativeWeightsAndLargeNumbersAreWrittenExactly()
    {
        var definition = Sample() with { Weights = [-5, long.MaxValue], Quorum = ulong.MaxValue, Nonce = 9007199254740993 };
        Assert.That(AppSessionId.GoJson(definition), Does.EndWith(
            $"\"weights\":[-5,{long.MaxValue}],\"quorum\":{ulong.MaxValue},\"challenge\":0,\"nonce\":9007199254740993}}"));
    }

    [Test]
    public void GoServerRoundsNumbersThroughFloat64()
    {
        var exact = Sample() with { Nonce = 9007199254740993 };
        var rounded = Sample() with { Nonce = 9007199254740992 };
        Assert.Multiple(() =>
        {
            Assert.That(AppSessionId.Compute(exact), Is.Not.EqualTo(AppSessionId.Compute(rounded)));
            Assert.That(AppSessionId.ComputeAsGoServer(exact), Is.EqualTo(AppSessionId.Compute(rounded)));
        });
        var overflow = Assert.Throws<ArgumentOutOfRangeException>(() => AppSessionId.ComputeAsGoServer(Sample() with { Nonce = ulong.MaxValue }));
        Assert.That(overflow!.ParamName, Is.EqualTo("Nonce"));
    }

    [Test]
    public void IdIsLowerCaseHexOf32Bytes()
    {
        Assert.That(AppSessionId.Compute(Sample()), Does.Match("^0x[0-9a-f]{64}$"));
    }

    private static AppDefinition Sample() =>
        new("app", "NitroRPC/0.4", ["0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d", "0x89bF726251db2f8696CB9D5723C795cA01C86De1"], [1, 1], 2, 0, 42);
}
