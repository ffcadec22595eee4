using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Client;

[TestFixture]
[CancelAfter(60_000)]
public class ClearNodeClientTests
{
    internal static readonly TimeSpan Short = TimeSpan.FromSeconds(10);

    /// <summary>Client options for tests against <see cref="TestWebSocketServer"/>: short connect and request timeouts.</summary>
    internal static ClearNodeClientOptions Options(ClearNodeClientOptions? o = null) =>
        (o ?? new ClearNodeClientOptions()) with { ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = Short };

    /// <summary>Answers every request with the same method and <c>{"echo": id}</c>, each reply after a random short delay.</summary>
    private static async Task EchoOutOfOrder(TestConnection c)
    {
        var replies = new List<Task>();
        while (await c.ReceiveAsync() is { } text)
        {
            var frame = RpcFrameParser.Parse(text);
            replies.Add(Task.Run(async () =>
            {
                await Task.Delay(Random.Shared.Next(0, 20));
                await c.SendAsync(TestWebSocketServer.Response(frame.RequestId, frame.Method, new JsonObject { ["echo"] = frame.RequestId, ["raw"] = frame.RawArray }));
            }));
        }
        await Task.WhenAll(replies);
    }

    [Test]
    public async Task Hundred_concurrent_requests_are_correlated_by_id()
    {
        await using var server = new TestWebSocketServer(EchoOutOfOrder);
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { FirstRequestId = 500 }));

        var signer = TestKeys.Named("alice");
        var tasks = Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            client.RequestAsync("echo_" + i, new JsonObject { ["i"] = i }, i % 2 == 0 ? [signer] : []))).ToArray();
        var frames = await Task.WhenAll(tasks);

        for (var i = 0; i < 100; i++)
        {
            Assert.That(frames[i].Method, Is.EqualTo("echo_" + i));
            Assert.That((ulong)frames[i].Params!["echo"]!, Is.EqualTo(frames[i].RequestId));
            // The server saw exactly the text we signed: intact frames, single writer.
            var raw = (string)frames[i].Params!["raw"]!;
            Assert.That(raw, Does.Contain("\"echo_" + i + "\",{\"i\":" + i + "}"));
        }
        Assert.That(frames.Select(f => f.RequestId).OrderBy(x => x), Is.EqualTo(Enumerable.Range(500, 100).Select(x => (ulong)x)));
        Assert.That(client.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task Request_ids_increase_from_the_configured_start_and_timestamps_come_from_the_clock()
    {
        var seen = new ConcurrentQueue<RpcFrame>();
        await using var server = new TestWebSocketServer(async c =>
        {
            while (await c.ReceiveAsync() is { } text)
            {
                var f = RpcFrameParser.Parse(text);
                seen.Enqueue(f);
                await c.SendAsync(TestWebSocketServer.Response(f.RequestId, RpcMethods.Pong, null));
            }
        });
        ulong now = 1735689600000;
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { FirstRequestId = 1001, ClockMs = () => now += 1000 }));
        for (var i = 0; i < 3; i++) await client.RequestAsync(RpcMethods.Ping, Requests.Ping(), []);

        var frames = seen.ToArray();
        Assert.That(frames.Select(f => f.RequestId), Is.EqualTo(new ulong[] { 1001, 1002, 1003 }));
        Assert.That(frames.Select(f => f.Timestamp), Is.EqualTo(new ulong[] { 1735689601000, 1735689602000, 1735689603000 }));
        Assert.That(frames[0].Text, Is.EqualTo("{\"req\":[1001,\"ping\",{},1735689601000],\"sig\":[]}"));
    }

    [Test]
    public async Task Error_reply_throws_with_exact_text_and_both_frames()
    {
        string? errorFrame = null;
        await using var server = new TestWebSocketServer(async c =>
        {
            while (await c.ReceiveAsync() is { } text)
            {
                var f = RpcFrameParser.Parse(text);
                errorFrame = TestWebSocketServer.Error(f.RequestId, "incorrect app state: incorrect version: expected 5, got 2");
                await c.SendAsync(errorFrame);
            }
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        var request = RpcFrames.SignRequest(client.CreateRequest(RpcMethods.SubmitAppState, Requests.SubmitAppState("0x01", [])), [TestKeys.Named("bob")]);

        var ex = Assert.ThrowsAsync<RpcErrorException>(() => client.SendSignedAsync(request));
        Assert.That(ex!.ErrorText, Is.EqualTo("incorrect app state: incorrect version: expected 5, got 2"));
        Assert.That(ex.RequestFrame, Is.EqualTo(request.Frame));
        Assert.That(ex.ResponseFrame, Is.EqualTo(errorFrame));
        Assert.That(ex.Response.RequestId, Is.EqualTo(request.RequestId));
        Assert.That(ex.Message, Is.EqualTo("submit_app_state failed: incorrect app state: incorrect version: expected 5, got 2"));
    }

    [Test]
    public async Task Pushes_route_by_method_and_filter_and_arrive_before_the_response()
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.SendAsync(TestWebSocketServer.Response(0, "assets", new JsonObject { ["assets"] = new JsonArray() }));
            while (await c.ReceiveAsync() is { } text)
            {
                var f = RpcFrameParser.Parse(text);
                await c.SendAsync(TestWebSocketServer.Response(0, "bu", new JsonObject { ["balance_updates"] = new JsonArray(), ["who"] = "alice" }));
                await c.SendAsync(TestWebSocketServer.Response(0, "bu", new JsonObject { ["balance_updates"] = new JsonArray(), ["who"] = "bob" }));
                await c.SendAsync(TestWebSocketServer.Response(0, "asu", new JsonObject { ["app_session"] = new JsonObject { ["version"] = 2 } }));
                await c.SendAsync(TestWebSocketServer.Response(f.RequestId, f.Method, new JsonObject { ["ok"] = true }));
            }
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        using var assets = client.Subscribe("assets");
        Assert.That((await assets.NextAsync(Short)).Method, Is.EqualTo("assets"));

        using var bobBalances = client.Subscribe("bu", f => (string?)f.Params!["who"] == "bob");
        using var allBalances = client.Subscribe("bu");
        using var updates = client.Subscribe("asu");
        using var everything = client.Subscribe();
        var response = await client.RequestAsync("submit_app_state", new JsonObject(), []);
        Assert.That((bool)response.Params!["ok"]!, Is.True);

        // Already buffered when the response returned: no waiting needed.
        Assert.That(bobBalances.TryRead(out var bob), Is.True);
        Assert.That((string)bob!.Params!["who"]!, Is.EqualTo("bob"));
        Assert.That(bobBalances.TryRead(out _), Is.False);
        Assert.That(allBalances.Drain().Select(f => (string)f.Params!["who"]!), Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(updates.Drain().Select(f => f.Method), Is.EqualTo(new[] { "asu" }));
        Assert.That(everything.Drain().Select(f => f.Method), Is.EqualTo(new[] { "bu", "bu", "asu" }));
        Assert.That(bob.ReceivedTimestamp, Is.GreaterThan(0));
        Assert.That(bob.ReceivedTimestamp, Is.LessThanOrEqualTo(response.ReceivedTimestamp));

        Assert.ThrowsAsync<TimeoutException>(() => updates.NextAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public async Task Initial_subscription_keeps_the_push_sent_right_after_upgrade()
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.SendAsync(TestWebSocketServer.Response(0, "assets", new JsonObject { ["assets"] = new JsonArray() }));
            await c.HoldAsync();
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { SubscribeOnConnect = true }));
        var first = await client.InitialPushes!.NextAsync(Short);
        Assert.That(first.Method, Is.EqualTo("assets"));
        Assert.That(first.RawParams, Is.EqualTo("{\"assets\":[]}"));

        await using var plain = await ClearNodeClient.ConnectAsync(server.Url, Options());
        Assert.That(plain.InitialPushes, Is.Null);
    }

    [Test]
    public async Task Full_subscription_drops_oldest_and_counts()
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            for (var i = 0; i < 10; i++) await c.SendAsync(TestWebSocketServer.Response(0, "bu", new JsonObject { ["n"] = i }));
            await c.SendAsync(TestWebSocketServer.Response(0, "done", null));
            await c.HoldAsync();
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { PushBufferCapacity = 3 }));
        using var bu = client.Subscribe("bu");
        using var done = client.Subscribe("done");
        await done.NextAsync(Short);
        Assert.That(bu.Drain().Select(f => (int)f.Params!["n"]!), Is.EqualTo(new[] { 7, 8, 9 }));
        Assert.That(bu.Dropped, Is.EqualTo(7));
    }

    [Test]
    public async Task Push_observer_sees_push_arrival_without_the_log()
    {
        var observed = new ConcurrentQueue<(string Method, long At)>();
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.SendAsync(TestWebSocketServer.Response(0, "tr", new JsonObject()));
            await c.HoldAsync();
        });
        var before = Stopwatch.GetTimestamp();
        await using var client = await ClearNodeClient.ConnectAsync(server.Url,
            Options(new() { FrameLogEnabled = false, PushObserver = f => observed.Enqueue((f.Method, f.ReceivedTimestamp)) }));
        using var tr = client.Subscribe("tr");
        await tr.NextAsync(Short);
        Assert.That(observed.Single().Method, Is.EqualTo("tr"));
        Assert.That(observed.Single().At, Is.GreaterThanOrEqualTo(before));
        Assert.That(client.FrameLog, Is.Empty);
    }

    [Test]
    public async Task Frame_log_records_both_directions_in_order()
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            while (await c.ReceiveAsync() is { } text)
                await c.SendAsync(TestWebSocketServer.Response(RpcFrameParser.Parse(text).RequestId, RpcMethods.Pong, null));
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { FirstRequestId = 9, ClockMs = () => 1700000000000 }));
        var pong = await client.RequestAsync(RpcMethods.Ping, Requests.Ping(), []);
        var log = client.FrameLog;
        Assert.That(log, Has.Count.EqualTo(2));
        Assert.That(log[0].Direction, Is.EqualTo(FrameDirection.Outbound));
        Assert.That(log[0].Text, Is.EqualTo("{\"req\":[9,\"ping\",{},1700000000000],\"sig\":[]}"));
        Assert.That(log[1].Direction, Is.EqualTo(FrameDirection.Inbound));
        Assert.That(log[1].Text, Is.EqualTo(pong.Text));
        Assert.That(log[1].Timestamp, Is.EqualTo(pong.ReceivedTimestamp));
    }

    [Test]
    public async Task Silent_server_times_out_without_hanging()
    {
        await using var server = new TestWebSocketServer(c => c.HoldAsync());
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { FirstRequestId = 77 }));
        var sw = Stopwatch.StartNew();
        var ex = Assert.ThrowsAsync<TimeoutException>(() => client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], TimeSpan.FromMilliseconds(300)));
        Assert.That(ex!.Message, Does.Contain("ping (request id 77)"));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)));
        Assert.That(client.IsConnected, Is.True);
        Assert.ThrowsAsync<TimeoutException>(() => client.NextResponseAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Test]
    public async Task Cancellation_ends_a_pending_request()
    {
        await using var server = new TestWebSocketServer(c => c.HoldAsync());
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(async () => await client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], TimeSpan.FromMinutes(5), cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        using var sub = client.Subscribe("bu");
        using var cts2 = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.That(async () => await sub.NextAsync(TimeSpan.FromMinutes(5), cts2.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Server_closing_mid_request_fails_pending_calls_at_once(bool killTcp)
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.ReceiveAsync();
            await Task.Delay(100);
            if (killTcp) c.Kill();
            else await c.CloseAsync();
            await c.HoldAsync();
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        using var sub = client.Subscribe("bu");
        var sw = Stopwatch.StartNew();
        var ex = Assert.ThrowsAsync<ConnectionClosedException>(() => client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], TimeSpan.FromSeconds(45)));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "must fail on close, not at the 45 s timeout");
        Assert.That(ex!.Message, Does.Contain(client.Uri.ToString()));
        Assert.That(client.IsConnected, Is.False);
        Assert.That(client.ClosedReason, Is.Not.Null);
        // No wait on a closed socket: every further call fails immediately.
        Assert.ThrowsAsync<ConnectionClosedException>(() => client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], TimeSpan.FromSeconds(45)));
        Assert.ThrowsAsync<ConnectionClosedException>(() => client.SendRawAsync("{}"));
        Assert.ThrowsAsync<ConnectionClosedException>(() => sub.NextAsync(TimeSpan.FromSeconds(45)));
        Assert.ThrowsAsync<ConnectionClosedException>(() => client.NextResponseAsync(TimeSpan.FromSeconds(45)));
        Assert.ThrowsAsync<ConnectionClosedException>(() => client.Subscribe("x").NextAsync(TimeSpan.FromSeconds(45)));
    }

    [Test]
    public async Task Raw_frames_get_unmatched_replies_through_NextResponseAsync()
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            while (await c.ReceiveAsync() is { } text)
            {
                // Like the Go server: undecodable frames are answered with the server time as request id.
                if (!RpcFrameParser.TryParse(text, out var f, out _)) await c.SendAsync(TestWebSocketServer.Error(1735689999999, "invalid message format"));
                else await c.SendAsync(TestWebSocketServer.Error(f!.RequestId, "unknown method: " + f.Method));
            }
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        await client.SendRawAsync("{\"req\":[1,\"ping\",{},2");
        var reply = await client.NextResponseAsync(Short);
        Assert.That(reply.IsError, Is.True);
        Assert.That(reply.ErrorText, Is.EqualTo("invalid message format"));
        Assert.That(reply.RequestId, Is.EqualTo(1735689999999UL));

        await client.SendRawAsync("{\"req\":[42,\"a<b>&c\",{},2],\"sig\":[]}");
        reply = await client.NextResponseAsync(Short);
        Assert.That(reply.ErrorText, Is.EqualTo("unknown method: a<b>&c"));
        Assert.That(reply.RawArray, Does.Contain("a\\u003cb\\u003e\\u0026c"));
        Assert.That(client.FrameLog.Where(f => f.Direction == FrameDirection.Outbound).Select(f => f.Text).First(), Is.EqualTo("{\"req\":[1,\"ping\",{},2"));
    }

    [Test]
    public async Task Broker_signatures_are_verified_against_raw_res_bytes()
    {
        var impostor = TestKeys.Named("carol");
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.SendAsync(TestWebSocketServer.Response(0, "assets", new JsonObject { ["assets"] = new JsonArray() }, key: impostor));
            while (await c.ReceiveAsync() is { } text)
            {
                var f = RpcFrameParser.Parse(text);
                var key = f.Method == "bad" ? impostor : null;
                // Go-style escaping in the signed text: a re-serialising verifier would fail here.
                await c.SendAsync(TestWebSocketServer.Response(f.RequestId, f.Method, new JsonObject { ["note"] = "<&>" }, key: key));
            }
        });
        var broker = TestWebSocketServer.ServerKey.Address;
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options(new() { ExpectedBroker = broker.ToLowerInvariant() }));
        using var assets = client.Subscribe("assets");

        var good = await client.RequestAsync("good", new JsonObject(), []);
        Assert.That((string)good.Params!["note"]!, Is.EqualTo("<&>"));

        var ex = Assert.ThrowsAsync<BrokerSignatureException>(() => client.RequestAsync("bad", new JsonObject(), []));
        Assert.That(ex!.RecoveredAddress, Is.EqualTo(impostor.Address));
        Assert.That(ex.Message, Does.Contain("signed by " + impostor.Address));

        var pushError = Assert.ThrowsAsync<BrokerSignatureException>(() => assets.NextAsync(Short));
        Assert.That(pushError!.Frame.Method, Is.EqualTo("assets"));
        Assert.That(client.ProtocolViolations.OfType<BrokerSignatureException>().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Unparseable_server_frame_is_recorded_and_surfaced()
    {
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.SendAsync("{\"res\":[1,\"pong\",null]}");
            await c.HoldAsync();
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        var ex = Assert.ThrowsAsync<RpcFrameFormatException>(() => client.NextResponseAsync(Short));
        Assert.That(ex!.Message, Is.EqualTo("Malformed RPC frame: res: has 3 elements, expected exactly 4."));
        Assert.That(client.ProtocolViolations, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Connect_to_a_port_that_never_upgrades_times_out()
    {
        await using var server = new TestWebSocketServer(_ => Task.CompletedTask, completeHandshake: false);
        var sw = Stopwatch.StartNew();
        var ex = Assert.ThrowsAsync<TimeoutException>(() =>
            ClearNodeClient.ConnectAsync(server.Url, new ClearNodeClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) }));
        Assert.That(ex!.Message, Does.Contain(server.Url.ToString()));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)));
    }

    [Test]
    public void Connect_to_a_closed_port_fails_with_a_clear_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var ex = Assert.ThrowsAsync<ConnectionClosedException>(() =>
            ClearNodeClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), new ClearNodeClientOptions { ConnectTimeout = TimeSpan.FromSeconds(5) }));
        Assert.That(ex!.Message, Does.StartWith($"Could not connect to ws://127.0.0.1:{port}/ws"));
    }

    [Test]
    public async Task Close_and_dispose_are_clean_and_fail_later_calls()
    {
        var serverSawClose = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestWebSocketServer(async c =>
        {
            while (await c.ReceiveAsync() is not null) { }
            serverSawClose.TrySetResult();
        });
        var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        await client.CloseAsync();
        await serverSawClose.Task.WaitAsync(Short);
        Assert.That(client.IsConnected, Is.False);
        Assert.That(client.Completion.IsCompleted, Is.True);
        Assert.ThrowsAsync<ConnectionClosedException>(() => client.RequestAsync(RpcMethods.Ping, Requests.Ping(), []));
        await client.DisposeAsync();
        await client.DisposeAsync();
    }

    [Test]
    public async Task Duplicate_in_flight_request_id_is_refused()
    {
        await using var server = new TestWebSocketServer(c => c.HoldAsync());
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, Options());
        var request = RpcFrames.SignRequest(new RpcRequest(5, RpcMethods.Ping, Requests.Ping(), 1), []);
        var first = client.SendSignedAsync(request, TimeSpan.FromSeconds(2));
        Assert.ThrowsAsync<InvalidOperationException>(() => client.SendSignedAsync(request));
        Assert.ThrowsAsync<TimeoutException>(() => first);
    }
}
