using NUnit.Framework;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Protocol.Tests.Json;

[TestFixture]
public class GoJsonTests
{
    // Expected texts are what Go 1.24 json.Marshal prints for the same string.
    [TestCase("a<b>&c", "\"a\\u003cb\\u003e\\u0026c\"")]
    [TestCase("'+/", "\"'+/\"")]
    [TestCase("café 😀", "\"café 😀\"")]
    [TestCase("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [TestCase("\b\f\n\r\t\u0001", "\"\\b\\f\\n\\r\\t\\u0001\"")]
    [TestCase("q\"\\", "\"q\\\"\\\\\"")]
    public void Strings_are_escaped_as_go(string input, string expected)
    {
        Assert.That(GoJson.Serialize(JsonValue.Create(input)), Is.EqualTo(expected));
    }

    [Test]
    public void Lone_surrogates_become_escaped_replacement_characters()
    {
        Assert.That(GoJson.Quote(new string('\ud800', 1) + "x"), Is.EqualTo("\"\\ufffdx\""));
    }

    [TestCase(1e21, "1e+21")]
    [TestCase(1e20, "100000000000000000000")]
    [TestCase(1e-6, "0.000001")]
    [TestCase(1e-7, "1e-7")]
    [TestCase(1.5e-10, "1.5e-10")]
    [TestCase(0.5, "0.5")]
    [TestCase(100.0, "100")]
    public void Doubles_are_formatted_as_go(double value, string expected)
    {
        Assert.That(GoJson.Serialize(JsonValue.Create(value)), Is.EqualTo(expected));
    }

    [Test]
    public void Server_response_vectors_reserialise_identically()
    {
        var vectors = VectorFiles.Load("server-responses.json")["vectors"]!.AsArray();
        Assert.That(vectors, Has.Count.GreaterThanOrEqualTo(7));
        foreach (var v in vectors)
        {
            var resJson = (string)v!["res_json"]!;
            Assert.That(GoJson.Serialize(JsonNode.Parse(resJson)), Is.EqualTo(resJson), (string)v["name"]!);
        }
    }

    [Test]
    public void Html_escaped_error_differs_between_go_and_js()
    {
        var node = new JsonObject { ["error"] = "unknown method: a<b>&c" };
        Assert.That(GoJson.Serialize(node), Is.EqualTo("{\"error\":\"unknown method: a\\u003cb\\u003e\\u0026c\"}"));
        Assert.That(JsJson.Serialize(node), Is.EqualTo("{\"error\":\"unknown method: a<b>&c\"}"));
    }
}
