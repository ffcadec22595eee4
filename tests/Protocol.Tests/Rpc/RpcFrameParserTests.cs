using System.Text.Json.Nodes;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Rpc;

[TestFixture]
public class RpcFrameParserTests
{
    private const string Sig = "0x0e143b9446d48979a2eae950166d38af093fc7deebc07405c6be4536d5fa29a30107f55df38129bd61e1c4adab7b540ef2afab60a896090c65b3fc31408235461c";

    [Test]
    public void Raw_array_keeps_inner_whitespace_and_escapes_exactly()
    {
        const string text = "  { \"sig\" : [\"0xAB\"], \"req\" : [ 7 , \"m\" , { \"a\" : \"\\u003c\" , \"b\":[1, 2.50] } , 1700000000000 ] , \"x\": {\"y\":[null]} }  ";
        var frame = RpcFrameParser.Parse(text);
        Assert.That(frame.RawArray, Is.EqualTo("[ 7 , \"m\" , { \"a\" : \"\\u003c\" , \"b\":[1, 2.50] } , 1700000000000 ]"));
        Assert.That(frame.RawParams, Is.EqualTo("{ \"a\" : \"\\u003c\" , \"b\":[1, 2.50] }"));
        Assert.That((string)frame.Params!["a"]!, Is.EqualTo("<"));
        Assert.That(frame.RequestId, Is.EqualTo(7UL));
        Assert.That(frame.Timestamp, Is.EqualTo(1700000000000UL));
        Assert.That(frame.Signatures, Is.EqualTo(new[] { "0xAB" }));
        Assert.That(frame.Text, Is.EqualTo(text));
    }

    [Test]
    public void Non_ascii_text_is_sliced_by_bytes_correctly()
    {
        const string text = "{\"res\":[0,\"asu\",{\"note\":\"café 😀 ü\"},5],\"sig\":[]}";
        var frame = RpcFrameParser.Parse(text);
        Assert.That(frame.RawArray, Is.EqualTo("[0,\"asu\",{\"note\":\"café 😀 ü\"},5]"));
        Assert.That(frame.IsPush, Is.True);
        Assert.That(frame.Kind, Is.EqualTo(RpcFrameKind.Response));
    }

    [Test]
    public void Absent_or_null_sig_is_empty_and_sid_is_read()
    {
        Assert.That(RpcFrameParser.Parse("{\"req\":[1,\"ping\",{},2]}").Signatures, Is.Empty);
        Assert.That(RpcFrameParser.Parse("{\"req\":[1,\"ping\",{},2],\"sig\":null}").Signatures, Is.Empty);
        Assert.That(RpcFrameParser.Parse("{\"req\":[1,\"message\",{},2],\"sid\":\"0xabc\",\"sig\":[]}").Sid, Is.EqualTo("0xabc"));
        Assert.That(RpcFrameParser.Parse("{\"req\":[18446744073709551615,\"m\",[],18446744073709551615]}").RequestId, Is.EqualTo(ulong.MaxValue));
    }

    [Test]
    public void Scalar_params_are_kept()
    {
        var frame = RpcFrameParser.Parse("{\"req\":[1,\"m\",\"text\",2]}");
        Assert.That(frame.RawParams, Is.EqualTo("\"text\""));
        Assert.That(frame.Params!.GetValue<string>(), Is.EqualTo("text"));
        var num = RpcFrameParser.Parse("{\"req\":[1,\"m\",-1.5e3,2]}");
        Assert.That(num.RawParams, Is.EqualTo("-1.5e3"));
    }

    // Hostile inputs: each must end in RpcFrameFormatException naming the field — never another exception or a hang.
    [TestCase("", "frame")]
    [TestCase("   ", "frame")]
    [TestCase("null", "frame")]
    [TestCase("[]", "frame")]
    [TestCase("\"req\"", "frame")]
    [TestCase("42", "frame")]
    [TestCase("{", "frame")]
    [TestCase("{}", "frame")]
    [TestCase("{\"sig\":[]}", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{},2]", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{},2]}}", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{},2]} x", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{},2],}", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{} 2]}", "frame")]
    [TestCase("{'req':[1,\"ping\",{},2]}", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{},2] /*c*/}", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{\"a\":tru},2]}", "frame")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[\"0x1", "frame")]
    [TestCase("{\"req\":null}", "req")]
    [TestCase("{\"req\":{}}", "req")]
    [TestCase("{\"req\":\"[1,\\\"ping\\\",{},2]\"}", "req")]
    [TestCase("{\"req\":[]}", "req")]
    [TestCase("{\"req\":[1]}", "req")]
    [TestCase("{\"req\":[1,\"ping\",{}]}", "req")]
    [TestCase("{\"req\":[1,\"ping\",{},2,3]}", "req")]
    [TestCase("{\"req\":[1,\"ping\",{},2,[1,2],{\"a\":1}]}", "req")]
    [TestCase("{\"res\":[1,\"pong\",null,2],\"res\":[1,\"pong\",null,2]}", "res")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"res\":[1,\"pong\",null,2]}", "res")]
    [TestCase("{\"req\":[\"1\",\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"req\":[-1,\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"req\":[1.5,\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"req\":[1e3,\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"req\":[18446744073709551616,\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"req\":[99999999999999999999999999999999999999999,\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"req\":[null,\"ping\",{},2]}", "req[0]")]
    [TestCase("{\"res\":[true,\"pong\",null,2]}", "res[0]")]
    [TestCase("{\"req\":[1,2,{},2]}", "req[1]")]
    [TestCase("{\"req\":[1,null,{},2]}", "req[1]")]
    [TestCase("{\"req\":[1,[\"ping\"],{},2]}", "req[1]")]
    [TestCase("{\"req\":[1,\"ping\",{},\"2\"]}", "req[3]")]
    [TestCase("{\"req\":[1,\"ping\",{},-2]}", "req[3]")]
    [TestCase("{\"req\":[1,\"ping\",{},2.0]}", "req[3]")]
    [TestCase("{\"req\":[1,\"ping\",{},1e400]}", "req[3]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":\"0x12\"}", "sig")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":{}}", "sig")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[],\"sig\":[]}", "sig")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[12]}", "sig[0]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[\"0x12\",null]}", "sig[1]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[\"zz\"]}", "sig[0]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[\"0xzz\"]}", "sig[0]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[\"0x123\"]}", "sig[0]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[\"12ab\"]}", "sig[0]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sig\":[[\"0x12\"]]}", "sig[0]")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sid\":5}", "sid")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sid\":[\"0x1\"]}", "sid")]
    [TestCase("{\"req\":[1,\"ping\",{},2],\"sid\":\"a\",\"sid\":\"b\"}", "sid")]
    public void Hostile_input_is_rejected_naming_the_field(string text, string field)
    {
        var ex = Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse(text));
        Assert.That(ex!.Field, Is.EqualTo(field));
        Assert.That(ex.Message, Does.StartWith($"Malformed RPC frame: {field}: "));
        Assert.That(RpcFrameParser.TryParse(text, out var frame, out var error), Is.False);
        Assert.That(frame, Is.Null);
        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void Wrong_element_count_message_states_the_count()
    {
        var ex = Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse("{\"req\":[1,\"ping\",{},2,3,4]}"));
        Assert.That(ex!.Message, Is.EqualTo("Malformed RPC frame: req: has 6 elements, expected exactly 4."));
        ex = Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse("{\"res\":[1,\"pong\"]}"));
        Assert.That(ex!.Message, Is.EqualTo("Malformed RPC frame: res: has 2 elements, expected exactly 4."));
    }

    [Test]
    public void Huge_number_message_names_the_value()
    {
        var ex = Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse("{\"req\":[18446744073709551616,\"ping\",{},2]}"));
        Assert.That(ex!.Message, Is.EqualTo("Malformed RPC frame: req[0]: request id 18446744073709551616 does not fit in 64 bits."));
    }

    [Test]
    public void Deep_nesting_is_rejected_not_a_stack_overflow()
    {
        var deep = "{\"req\":[1,\"m\"," + new string('[', 100_000) + new string(']', 100_000) + ",2]}";
        var ex = Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse(deep));
        Assert.That(ex!.Field, Is.EqualTo("frame"));
        Assert.That(ex.Message, Does.Contain("depth"));
        var deepObj = "{\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70) + ",\"req\":[1,\"m\",{},2]}";
        Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse(deepObj));
    }

    [Test]
    public void Nesting_within_the_limit_is_accepted()
    {
        var ok = "{\"req\":[1,\"m\"," + new string('[', 60) + new string(']', 60) + ",2]}";
        Assert.That(RpcFrameParser.Parse(ok).Params, Is.InstanceOf<JsonArray>());
    }

    [Test]
    public void Truncations_of_a_real_frame_all_fail_cleanly()
    {
        var full = "{\"req\":[1001,\"get_ledger_balances\",{\"a\":[1,{\"b\":\"c\\\"d\"}]},1700000000000],\"sid\":\"0x01\",\"sig\":[\"" + Sig + "\"]}";
        Assert.That(RpcFrameParser.Parse(full).Signatures, Has.Count.EqualTo(1));
        for (var cut = 0; cut < full.Length; cut++)
            Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse(full[..cut]), $"prefix of length {cut}");
    }

    [Test]
    public void Lone_surrogate_escape_in_a_key_fails_cleanly()
    {
        Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse("{\"\\ud800\":1,\"req\":[1,\"m\",{},2]}"));
    }

    [Test]
    public void Invalid_utf8_like_garbage_fails_cleanly()
    {
        Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse("\u0000\u0001\u00ff{"));
        Assert.Throws<RpcFrameFormatException>(() => RpcFrameParser.Parse("{\"req\":[1,\"m\",{},2]}\u0000"));
    }
}
