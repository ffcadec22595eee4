using System.Text.Json.Nodes;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Client;

/// <summary>A second response to one request is a protocol violation; a resend or a raw frame reusing the id is not.</summary>
[TestFixture]
[CancelAfter(60_000)]
public class DuplicateResponseTests
{
    /// <summary>Answers each frame with <c>{"n": k}</c> (k counts the answers) at timestamp 1000+k; a request whose method is
    /// <c>twice</c> is answered twice; <c>replay</c> first sends again the earlier answers to the ids in its params;
    /// an id seen before under <c>late_again</c> is answered after 500 ms.</summary>
    private static async Task Script(TestConnection c)
    {
        var sent = new Dictionary<ulong, string>();
        var n = 0UL;
        string Answer(RpcFrame f)
        {
            n++;
            var text = TestWebSocketServer.Response(f.RequestId, f.Method, new JsonObject { ["n"] = n }, 1000 + n);
            sent[f.RequestId] = text;
            return text;
        }
        while (await c.ReceiveAsync() is { } text)
        {
            // Our parser reads only the lower-case key; Go's decoder (and so a node) takes any case.
            var f = RpcFrameParser.Parse(text.Replace("\"REQ\":", "\"req\":", StringComparison.Ordinal));
            if (f.Method == "late_again" && sent.ContainsKey(f.RequestId)) await Task.Delay(500, c.Stopping);
            if (f.Method == "replay")
                foreach (var id in f.Params!.AsArray()) await c.SendAsync(sent[(ulong)id!]);
            await c.SendAsync(Answer(f));
            if (f.Method == "twice") await c.SendAsync(Answer(f));
        }
    }

    [Test]
    public async Task A_second_response_is_a_violation_naming_the_id_the_method_and_both_frames()
    {
        await using var server = new TestWebSocketServer(Script);
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, ClearNodeClientTests.Options(new() { FirstRequestId = 7 }));

        var first = await client.RequestAsync("twice", new JsonObject(), []);
        // The duplicate follows on the wire; the next answer proves the receive loop has handled it.
        await client.RequestAsync("ping", new JsonObject(), []);

        var second = TestWebSocketServer.Response(7, "twice", new JsonObject { ["n"] = 2 }, 1002);
        Assert.That(first.Text, Is.EqualTo(TestWebSocketServer.Response(7, "twice", new JsonObject { ["n"] = 1 }, 1001)));
        var violation = client.ProtocolViolations.Cast<DuplicateResponseException>().Single();
        Assert.That((violation.RequestId, violation.Method, violation.FirstResponse, violation.Duplicate.Text), Is.EqualTo((7UL, "twice", first.Text, second)));
        Assert.That(violation.Message, Is.EqualTo($"Request id 7 (twice) was answered twice: first {first.Text}, then again {second}"));
        // Not handed on as a stray reply either: the next raw frame's reader would take it for its own.
        Assert.ThrowsAsync<TimeoutException>(() => client.NextResponseAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Test]
    public async Task A_resend_of_the_same_id_is_answered_again_without_a_violation()
    {
        await using var server = new TestWebSocketServer(Script);
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, ClearNodeClientTests.Options());
        var request = RpcFrames.SignRequest(client.CreateRequest("transfer", new JsonObject()), []);

        var answers = new[] { await client.SendSignedAsync(request), await client.SendSignedAsync(request) };

        Assert.That(answers.Select(a => (a.RequestId, (int)a.Params!["n"]!)), Is.EqualTo(new[] { (request.RequestId, 1), (request.RequestId, 2) }));
        Assert.That(client.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task The_late_answer_to_a_resend_that_timed_out_is_no_violation()
    {
        await using var server = new TestWebSocketServer(Script);
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, ClearNodeClientTests.Options());
        var request = RpcFrames.SignRequest(client.CreateRequest("late_again", new JsonObject()), []);
        await client.SendSignedAsync(request);

        Assert.ThrowsAsync<TimeoutException>(() => client.SendSignedAsync(request, TimeSpan.FromMilliseconds(100)));
        var late = await client.NextResponseAsync(ClearNodeClientTests.Short);

        Assert.That((late.RequestId, (int)late.Params!["n"]!), Is.EqualTo((request.RequestId, 2)));
        Assert.That(client.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task A_raw_frame_reusing_an_answered_id_gets_its_reply_as_an_unmatched_response()
    {
        await using var server = new TestWebSocketServer(Script);
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, ClearNodeClientTests.Options());
        var answered = await client.RequestAsync("ping", new JsonObject(), []);

        // Upper-case key: the node decodes it as req, so the reader of raw ids must too.
        await client.SendRawAsync($"{{\"REQ\":[{answered.RequestId},\"ping\",{{}},1],\"sig\":[]}}");
        var reply = await client.NextResponseAsync(ClearNodeClientTests.Short);

        Assert.That((reply.RequestId, (int)reply.Params!["n"]!), Is.EqualTo((answered.RequestId, 2)));
        Assert.That(client.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task Only_the_last_answered_ids_are_remembered_and_without_a_frame_log_no_response_text_is_kept()
    {
        await using var server = new TestWebSocketServer(Script);
        await using var client = await ClearNodeClient.ConnectAsync(server.Url,
            ClearNodeClientTests.Options(new() { FirstRequestId = 1, AnsweredRequestMemory = 2, FrameLogEnabled = false }));
        foreach (var m in new[] { "a", "b", "c" }) await client.RequestAsync(m, new JsonObject(), []);

        // Ids 1..3 answered, memory 2: the old answer to 1 is a stray frame, the old answer to 3 a second answer.
        await client.RequestAsync("replay", new JsonArray(1, 3), []);

        var violation = client.ProtocolViolations.Cast<DuplicateResponseException>().Single();
        Assert.That((violation.RequestId, violation.Method, violation.FirstResponse), Is.EqualTo((3UL, "c", (string?)null)));
        Assert.That(violation.Message, Does.StartWith("Request id 3 (c) was answered twice: first (response text not kept: frame log off), then again {\"res\":[3,\"c\",{\"n\":3},1003]"));
        Assert.That((await client.NextResponseAsync(ClearNodeClientTests.Short)).Text, Is.EqualTo(TestWebSocketServer.Response(1, "a", new JsonObject { ["n"] = 1 }, 1001)));
    }
}
