using System.Net.WebSockets;
using System.Text;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Fuzz;

/// <summary>
/// Hundreds of malformed frames on one connection: each is answered exactly as clearnode-rpc.md §2–§3 says (or the
/// connection is closed where the transport requires it), and the node keeps serving this and new connections.
/// </summary>
[TestFixture]
public sealed class MalformedFrameFuzzTests
{
    private const string Format = "invalid message format";
    private const string Validation = "message validation failed";
    private const string Pong = "<pong>";
    private const int MaxFrameBytes = 64 * 1024;

    private static readonly string[] Values = ["null", "true", "1.5", "-1", "0", "\"x\"", "\"\"", "[]", "{}", "1e3", "18446744073709551616"];

    /// <summary>One fuzz case: the bytes to send and the expected answer (error text, or <see cref="Pong"/>).</summary>
    private sealed record Case(string Label, byte[] Bytes, WebSocketMessageType Type, string Expected);

    private static Case Text(string label, string text, string expected, bool binary = false) =>
        new(label, Encoding.UTF8.GetBytes(text), binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, expected);

    private static string Frame(string id = "77", string method = "\"ping\"", string parameters = "{}", string ts = "1700000000000", string extra = "") =>
        $"{{\"req\":[{id},{method},{parameters},{ts}]{extra}}}";

    private static string ExpectedForNumber(string value) => value switch
    {
        "null" or "0" => Validation,
        _ => Format,
    };

    private static IEnumerable<Case> Cases()
    {
        var valid = Frame(extra: ",\"sig\":[\"0x" + new string('a', 130) + "\"]");
        for (var length = 1; length < valid.Length; length++)
            yield return Text($"truncated-{length}", valid[..length], Format);

        foreach (var v in Values)
        {
            yield return Text($"id={v}", Frame(id: v), ExpectedForNumber(v));
            yield return Text($"ts={v}", Frame(ts: v), ExpectedForNumber(v));
            yield return Text($"method={v}", Frame(method: v), v switch
            {
                "null" or "\"\"" => Validation,
                "\"x\"" => "unknown method: x",
                _ => Format,
            });
            yield return Text($"params={v}", Frame(parameters: v), v == "null" ? Validation : Pong);
            yield return Text($"sig={v}", Frame(extra: $",\"sig\":{v}"), v is "null" or "[]" ? Pong : Format);
            yield return Text($"sig[0]={v}", Frame(extra: $",\"sig\":[{v}]"), Format);
            yield return Text($"sid={v}", Frame(extra: $",\"sid\":{v}"), v is "null" or "\"x\"" or "\"\"" ? Pong : Format);
            yield return Text($"req={v}", $"{{\"req\":{v}}}", v == "null" ? Validation : Format);
            yield return Text($"top={v}", v, v == "null" || v == "{}" ? Validation : Format);
        }

        yield return Text("req-3", "{\"req\":[77,\"ping\",{}]}", Format);
        yield return Text("req-5", "{\"req\":[77,\"ping\",{},1700000000000,1]}", Format);
        yield return Text("req+res", Frame(extra: ",\"res\":[1,\"pong\",null,1]"), Validation);
        yield return Text("res-broken", Frame(extra: ",\"res\":5"), Format);
        yield return Text("trailing-garbage", Frame() + "x", Format);
        yield return Text("two-documents", Frame() + Frame(), Format);
        yield return Text("comment", "{/*c*/\"req\":[77,\"ping\",{},1700000000000]}", Format);
        yield return Text("trailing-comma", "{\"req\":[77,\"ping\",{},1700000000000],}", Format);
        yield return Text("single-quotes", "{'req':[77,'ping',{},1700000000000]}", Format);
        yield return Text("bom", "\uFEFF" + Frame(), Format);
        yield return Text("whitespace-around", "  \n" + Frame() + "\t ", Pong);
        yield return Text("binary-valid", Frame(), Pong, binary: true);
        yield return Text("deep-ok", Frame(parameters: new string('[', 500) + new string(']', 500)), Pong);
        yield return Text("deep-too-far", Frame(parameters: new string('[', 2000) + new string(']', 2000)), Format);
        yield return Text("deep-unbalanced", Frame(parameters: new string('{', 3000)), Format);
        yield return Text("unicode-method", Frame(method: "\"p\\u0069ng\""), Pong);
        yield return Text("escaped-garbage", Frame(method: "\"\\ud800\""), "unknown method: \uFFFD");
        yield return Text("nul-in-string", Frame(method: "\"pi\\u0000ng\""), "unknown method: pi\0ng");

        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            if (bytes[0] is (byte)'{' or (byte)'[' or (byte)'"' or (byte)' ' or (byte)'n') bytes[0] = (byte)'#';
            yield return new Case($"random-binary-{i}", bytes, WebSocketMessageType.Binary, Format);
        }
        const string alphabet = "{}[]\",:0123456789.-eE truefalsnul\\";
        for (var i = 0; i < 40; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            if (text.TrimStart().StartsWith('{') || text.Trim() is "null" or "" ) text = "#" + text;
            yield return Text($"random-text-{i}", text, Format);
        }
    }

    [Test]
    public async Task EveryMalformedFrameIsAnsweredAsSpecifiedAndTheNodeKeepsServing()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { MaxFrameBytes = MaxFrameBytes });
        await using var socket = await RawSocket.ConnectAsync(harness.Node.Url);
        Assert.That(await socket.ReceiveAsync(), Does.Contain("\"assets\""));

        var cases = Cases().ToList();
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(200));
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var before = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await socket.SendAsync(c.Bytes, c.Type);
            var text = await socket.ReceiveAsync();
            if (text is null)
            {
                Assert.Fail($"{c.Label}: the connection closed");
                return;
            }
            var reply = RpcFrameParser.Parse(text);
            if (NodeHarness.SignerOf(reply) != harness.Node.BrokerAddress) failures.Add($"{c.Label}: not signed by the broker");
            var actual = reply.Method == "pong" ? Pong : reply.ErrorText ?? reply.Method;
            if (actual != c.Expected) failures.Add($"{c.Label}: expected '{c.Expected}', got '{actual}' ({text})");
            if (reply.RequestId == 0) failures.Add($"{c.Label}: request id 0 in a response");
            if (actual is Format or Validation && reply.RequestId != 77 && reply.RequestId < before) failures.Add($"{c.Label}: id {reply.RequestId} is neither echoed nor server time");
        }
        Assert.That(failures, Is.Empty, string.Join("\n", failures));

        await socket.SendTextAsync(Frame(id: "5001"));
        Assert.That(RpcFrameParser.Parse((await socket.ReceiveAsync())!).Method, Is.EqualTo("pong"), "the same connection still works");

        // Frames that end a connection: oversize (1009) and invalid UTF-8 in a text frame (1007).
        await socket.SendTextAsync("{\"req\":[1,\"ping\",{\"pad\":\"" + new string('x', MaxFrameBytes) + "\"},1700000000000]}");
        Assert.That(await socket.ReceiveAsync(), Is.Null);
        Assert.That(socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        await using (var utf8 = await RawSocket.ConnectAsync(harness.Node.Url))
        {
            await utf8.SendAsync([(byte)'{', 0xC0, 0xAF, (byte)'}'], WebSocketMessageType.Text);
            Assert.That(await utf8.ReceiveContainingOrClosedAsync("\"error\""), Is.Null, "the connection is failed, not answered");
        }

        await using var fresh = await RawSocket.ConnectAsync(harness.Node.Url);
        await fresh.SendTextAsync(Frame(id: "5002"));
        Assert.That(RpcFrameParser.Parse(await fresh.ReceiveContainingAsync("\"pong\"")).RequestId, Is.EqualTo(5002UL), "a new connection works");
    }
}
