using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Rpc;

[TestFixture]
public class ServerResponseVectorTests
{
    private static IEnumerable<TestCaseData> Vectors()
    {
        foreach (var v in VectorFiles.Load("server-responses.json")["vectors"]!.AsArray())
            yield return new TestCaseData(v!.ToJsonString()).SetArgDisplayNames((string)v["name"]!);
    }

    [TestCaseSource(nameof(Vectors))]
    public void Parses_keeps_raw_res_and_broker_signature_recovers(string vectorJson)
    {
        var v = JsonNode.Parse(vectorJson)!;
        var frame = RpcFrameParser.Parse((string)v["envelope"]!);
        var resJson = (string)v["res_json"]!;

        Assert.That(frame.Kind, Is.EqualTo(RpcFrameKind.Response));
        Assert.That(frame.RawArray, Is.EqualTo(resJson));
        Assert.That(frame.RequestId, Is.EqualTo((ulong)v["request_id"]!));
        Assert.That(frame.Method, Is.EqualTo((string)v["method"]!));
        Assert.That(frame.Timestamp, Is.EqualTo((ulong)v["timestamp"]!));
        Assert.That(frame.Signatures, Is.EqualTo(new[] { (string)v["signature"]! }));
        Assert.That(frame.Sid, Is.Null);
        Assert.That(Hex.Encode(RpcFrames.Digest(frame.RawArray)), Is.EqualTo((string)v["res_keccak256"]!));
        Assert.That(Signature.TryRecoverAddress(RpcFrames.Digest(frame.RawArray), frame.Signatures[0], out var signer), Is.True);
        Assert.That(signer, Is.EqualTo((string)v["signer_address"]!));
        Assert.That(signer, Is.EqualTo(TestKeys.Named("server").Address));
        Assert.That(GoJson.Serialize(JsonNode.Parse(resJson)), Is.EqualTo(resJson));
        Assert.That(GoJson.Serialize(frame.Params), Is.EqualTo(frame.RawParams));
    }

    [Test]
    public void Pong_has_null_params()
    {
        var v = VectorFiles.Load("server-responses.json")["vectors"]!.AsArray().Single(x => (string)x!["name"]! == "pong")!;
        var frame = RpcFrameParser.Parse((string)v["envelope"]!);
        Assert.That(frame.Params, Is.Null);
        Assert.That(frame.RawParams, Is.EqualTo("null"));
        Assert.That(frame.IsError, Is.False);
    }

    [Test]
    public void Error_frames_expose_the_exact_unescaped_text()
    {
        var vectors = VectorFiles.Load("server-responses.json")["vectors"]!.AsArray();
        var html = RpcFrameParser.Parse((string)vectors.Single(x => (string)x!["name"]! == "error_html_escaped")!["envelope"]!);
        Assert.That(html.IsError, Is.True);
        Assert.That(html.ErrorText, Is.EqualTo("unknown method: a<b>&c"));
        Assert.That(html.RawArray, Does.Contain("a\\u003cb\\u003e\\u0026c"));
        var stale = RpcFrameParser.Parse((string)vectors.Single(x => (string)x!["name"]! == "error_stale_version")!["envelope"]!);
        Assert.That(stale.ErrorText, Is.EqualTo("incorrect app state: incorrect version: expected 5, got 2"));
    }

    [Test]
    public void Our_signature_over_the_res_bytes_matches_the_vector()
    {
        // Same scheme as requests: keccak256 of the exact res text, signed by the server key.
        var v = VectorFiles.Load("server-responses.json")["vectors"]!.AsArray()[0]!;
        var sig = TestKeys.Named("server").SignHashHex(RpcFrames.Digest((string)v["res_json"]!));
        Assert.That(sig, Is.EqualTo((string)v["signature"]!));
    }
}
