using NUnit.Framework;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Protocol.Tests.Json;

[TestFixture]
public class JsJsonTests
{
    // Expected texts are what node's JSON.stringify prints for the same value.
    [TestCase("plain", "\"plain\"")]
    [TestCase("<b>&'+", "\"<b>&'+\"")]
    [TestCase("café üß 😀", "\"café üß 😀\"")]
    [TestCase("q\"b\\s/", "\"q\\\"b\\\\s/\"")]
    [TestCase("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [TestCase("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [TestCase("\u007f\u2028\u2029", "\"\u007f\u2028\u2029\"")]
    [TestCase("\ud83d\ude00", "\"\ud83d\ude00\"")]
    public void Strings_are_escaped_as_javascript(string input, string expected)
    {
        Assert.That(JsJson.Serialize(JsonValue.Create(input)), Is.EqualTo(expected));
        Assert.That(JsJson.Quote(input), Is.EqualTo(expected));
    }

    [Test]
    public void Lone_surrogates_are_escaped_as_code_units()
    {
        // Built at run time: attribute arguments cannot carry lone surrogates.
        Assert.That(JsJson.Quote(new string('\ud800', 1)), Is.EqualTo("\"\\ud800\""));
        Assert.That(JsJson.Quote("x" + '\udfff' + "y"), Is.EqualTo("\"x\\udfffy\""));
        Assert.That(JsJson.Quote("\ude00\ud83d"), Is.EqualTo("\"\\ude00\\ud83d\""));
    }

    [TestCase(0.0, "0")]
    [TestCase(-0.0, "0")]
    [TestCase(1.0, "1")]
    [TestCase(0.1, "0.1")]
    [TestCase(1.5, "1.5")]
    [TestCase(-2.25, "-2.25")]
    [TestCase(1e21, "1e+21")]
    [TestCase(1e20, "100000000000000000000")]
    [TestCase(123456789012345680000.0, "123456789012345680000")]
    [TestCase(1e-6, "0.000001")]
    [TestCase(1e-7, "1e-7")]
    [TestCase(1.5e-7, "1.5e-7")]
    [TestCase(2.5e300, "2.5e+300")]
    [TestCase(0.30000000000000004, "0.30000000000000004")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    [TestCase(double.NaN, "null")]
    [TestCase(double.PositiveInfinity, "null")]
    public void Doubles_are_formatted_as_javascript(double value, string expected)
    {
        Assert.That(JsJson.Serialize(JsonValue.Create(value)), Is.EqualTo(expected));
    }

    [Test]
    public void Integers_are_exact_and_keys_keep_insertion_order()
    {
        var node = new JsonObject
        {
            ["z"] = 1735689600001UL,
            ["a"] = -5L,
            ["m"] = new JsonArray(1, 2, 3),
            ["n"] = null,
            ["t"] = true,
            ["f"] = false,
            ["o"] = new JsonObject(),
            ["e"] = new JsonArray(),
            ["u"] = ulong.MaxValue,
        };
        Assert.That(JsJson.Serialize(node),
            Is.EqualTo("{\"z\":1735689600001,\"a\":-5,\"m\":[1,2,3],\"n\":null,\"t\":true,\"f\":false,\"o\":{},\"e\":[],\"u\":18446744073709551615}"));
    }

    [Test]
    public void Parsed_trees_are_rewritten_compactly_with_js_numbers()
    {
        var node = JsonNode.Parse("{ \"b\" : [ 1.50, 2e2, -0, 12345678901234567890 ], \"a\":\"\\u003c\\/\" }");
        Assert.That(JsJson.Serialize(node), Is.EqualTo("{\"b\":[1.5,200,0,12345678901234567000],\"a\":\"</\"}"));
    }

    [Test]
    public void Null_node_is_null()
    {
        Assert.That(JsJson.Serialize(null), Is.EqualTo("null"));
    }

    [Test]
    public void Withdraw_vector_session_data_round_trips_byte_for_byte()
    {
        var vector = VectorFiles.Load("rpc-signing.json")["vectors"]!.AsArray()
            .Single(v => (string)v!["name"]! == "submit_app_state_v04_withdraw_v4")!;
        var reqJson = (string)vector["req_json"]!;
        Assert.That(JsJson.Serialize(JsonNode.Parse(reqJson)), Is.EqualTo(reqJson));
        Assert.That(reqJson, Does.Contain("<b>&'+ café üß 😀"));
    }
}
