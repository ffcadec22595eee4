using System.Text.Json.Nodes;
using NitroConformance.Conformance.Running;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Result paths of <c>expect.ok</c> and <c>save</c>: dotted names, indexes, <c>#</c>, <c>@jwt</c> and <c>@micros</c>.</summary>
[TestFixture]
[Category("Engine")]
public sealed class JsonPathTests
{
    // payload {"iss":"clearnode","policy":{"wallet":"0xAb"}} with its "==" padding dropped, as JWTs do; "e30" is {} with its "=" dropped.
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJjbGVhcm5vZGUiLCJwb2xpY3kiOnsid2FsbGV0IjoiMHhBYiJ9fQ.c2ln";

    private static readonly JsonNode Result = JsonNode.Parse($$"""
        {"ledger_entries":[{"credit":"3"},{"credit":"2"}],"empty":[],"o":{"n":1},"jwt_token":"{{Token}}",
         "short_jwt":"x.e30.y","two_parts":"x.e30","not_json":"x.bm9wZQ.y","bad_b64":"x.!!.y",
         "ns":"2026-12-03T06:50:01.123456789Z","us":"2026-12-03T06:50:01.1234Z","whole":"2026-12-03T06:50:01.0000009Z",
         "zone":"2026-12-03T07:50:01.5+01:00","no_zone":"2026-12-03T06:50:01.5","date":"2026-12-03"}
        """)!;

    [TestCase("ledger_entries.#", "2")]
    [TestCase("empty.#", "0")]
    [TestCase("ledger_entries[1].credit", "2")]
    [TestCase("o.n", "1")]
    [TestCase("jwt_token.@jwt.iss", "clearnode")]
    [TestCase("jwt_token.@jwt.policy.wallet", "0xAb")]
    [TestCase("short_jwt.@jwt", "{}")]
    [TestCase("jwt_token.@jwt_header.alg", "HS256")]
    [TestCase("ns.@micros", "2026-12-03T06:50:01.123456Z")]
    [TestCase("us.@micros", "2026-12-03T06:50:01.1234Z")]
    [TestCase("whole.@micros", "2026-12-03T06:50:01Z")]
    [TestCase("zone.@micros", "2026-12-03T07:50:01.5+01:00")]
    public void Finds(string path, string text)
    {
        Assert.That(JsonMatch.TryGet(Result, path, out var value), Is.True);
        Assert.That(value is JsonValue ? JsonMatch.ScalarText(value) : value!.ToJsonString(), Is.EqualTo(text));
    }

    [TestCase("o.#")]
    [TestCase("ledger_entries[0].credit.#")]
    [TestCase("ledger_entries[2]")]
    [TestCase("missing.#")]
    [TestCase("o.@jwt")]
    [TestCase("two_parts.@jwt")]
    [TestCase("not_json.@jwt")]
    [TestCase("bad_b64.@jwt")]
    [TestCase("two_parts.@jwt_header")]
    [TestCase("no_zone.@micros")]
    [TestCase("date.@micros")]
    [TestCase("o.@micros")]
    public void MissesWhenTheValueIsNotWhatThePartReads(string path) =>
        Assert.That(JsonMatch.TryGet(Result, path, out _), Is.False);

    [Test]
    public void ACountComparesWithAnUnquotedNumber() =>
        Assert.That(JsonMatch.TryGet(Result, "ledger_entries.#", out var count) && JsonMatch.Equal(JsonValue.Create(2), count), Is.True);
}
