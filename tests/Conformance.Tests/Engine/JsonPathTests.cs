using System.Text.Json.Nodes;
using NitroConformance.Conformance.Running;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Result paths of <c>expect.ok</c>: dotted names, indexes, the <c>#</c> array length and <c>@jwt</c> claims.</summary>
[TestFixture]
[Category("Engine")]
public sealed class JsonPathTests
{
    // payload {"iss":"clearnode","policy":{"wallet":"0xAb"}} with its "==" padding dropped, as JWTs do; "e30" is {} with its "=" dropped.
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJjbGVhcm5vZGUiLCJwb2xpY3kiOnsid2FsbGV0IjoiMHhBYiJ9fQ.c2ln";

    private static readonly JsonNode Result = JsonNode.Parse($$"""
        {"ledger_entries":[{"credit":"3"},{"credit":"2"}],"empty":[],"o":{"n":1},"jwt_token":"{{Token}}",
         "short_jwt":"x.e30.y","two_parts":"x.e30","not_json":"x.bm9wZQ.y","bad_b64":"x.!!.y"}
        """)!;

    [TestCase("ledger_entries.#", "2")]
    [TestCase("empty.#", "0")]
    [TestCase("ledger_entries[1].credit", "\"2\"")]
    [TestCase("o.n", "1")]
    [TestCase("jwt_token.@jwt.iss", "\"clearnode\"")]
    [TestCase("jwt_token.@jwt.policy.wallet", "\"0xAb\"")]
    [TestCase("short_jwt.@jwt", "{}")]
    public void Finds(string path, string json)
    {
        Assert.That(JsonMatch.TryGet(Result, path, out var value), Is.True);
        Assert.That(value!.ToJsonString(), Is.EqualTo(json));
    }

    [TestCase("o.#")]
    [TestCase("ledger_entries[0].credit.#")]
    [TestCase("ledger_entries[2]")]
    [TestCase("missing.#")]
    [TestCase("o.@jwt")]
    [TestCase("two_parts.@jwt")]
    [TestCase("not_json.@jwt")]
    [TestCase("bad_b64.@jwt")]
    public void MissesWhenTheValueIsNotAnArrayOrAJwt(string path) =>
        Assert.That(JsonMatch.TryGet(Result, path, out _), Is.False);

    [Test]
    public void ACountComparesWithAnUnquotedNumber() =>
        Assert.That(JsonMatch.TryGet(Result, "ledger_entries.#", out var count) && JsonMatch.Equal(JsonValue.Create(2), count), Is.True);
}
