using System.Text.Json.Nodes;
using NitroConformance.Conformance.Running;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Result paths of <c>expect.ok</c>: dotted names, indexes and the <c>#</c> array length.</summary>
[TestFixture]
[Category("Engine")]
public sealed class JsonPathTests
{
    private static readonly JsonNode Result = JsonNode.Parse("""{"ledger_entries":[{"credit":"3"},{"credit":"2"}],"empty":[],"o":{"n":1}}""")!;

    [TestCase("ledger_entries.#", "2")]
    [TestCase("empty.#", "0")]
    [TestCase("ledger_entries[1].credit", "\"2\"")]
    [TestCase("o.n", "1")]
    public void Finds(string path, string json)
    {
        Assert.That(JsonMatch.TryGet(Result, path, out var value), Is.True);
        Assert.That(value!.ToJsonString(), Is.EqualTo(json));
    }

    [TestCase("o.#")]
    [TestCase("ledger_entries[0].credit.#")]
    [TestCase("ledger_entries[2]")]
    [TestCase("missing.#")]
    public void MissesWhenThePathDoesNotLeadToAnArray(string path) =>
        Assert.That(JsonMatch.TryGet(Result, path, out _), Is.False);

    [Test]
    public void ACountComparesWithAnUnquotedNumber() =>
        Assert.That(JsonMatch.TryGet(Result, "ledger_entries.#", out var count) && JsonMatch.Equal(JsonValue.Create(2), count), Is.True);
}
