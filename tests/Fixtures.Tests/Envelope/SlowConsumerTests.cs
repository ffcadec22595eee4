using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using NitroConformance.Fixtures.Tests.Support;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Envelope;

/// <summary>
/// Slow consumer (reference-node.md, "Deliberate differences"): a connection that lets
/// <see cref="ReferenceNodeOptions.OutboundQueueCapacity"/> frames pile up is closed; other connections keep working.
/// </summary>
[TestFixture]
public sealed class SlowConsumerTests
{
    private const int QueueCapacity = 2;
    // Each request names a ~400 KB unknown method, so each error response (which repeats it) is ~400 KB:
    // a few of them fill the socket buffers of a client that never reads, then the node's queue.
    private const int MethodLength = 400_000;
    private const int MaxRequests = 60;

    private static string Ping(ulong id) => $"{{\"req\":[{id},\"ping\",{{}},1700000000000],\"sig\":[]}}";

    [Test]
    public async Task ClientThatNeverReadsIsClosedAndOthersKeepWorking()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { OutboundQueueCapacity = QueueCapacity });
        var hub = harness.Node.Runtime.Hub;

        await using var healthy = await RawSocket.ConnectAsync(harness.Node.Url);
        Assert.That(await healthy.ReceiveContainingAsync("\"assets\""), Does.Contain("\"assets\""));
        await WaitUntilAsync(() => hub.Count == 1);

        using var slow = await ConnectNonReadingAsync(harness.Node.Url);
        await WaitUntilAsync(() => hub.Count == 2);

        var frame = Encoding.UTF8.GetBytes($"{{\"req\":[7,\"{new string('m', MethodLength)}\",{{}},1700000000000],\"sig\":[]}}");
        var sent = 0;
        using (var sending = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                while (sent < MaxRequests && hub.Count == 2)
                {
                    await slow.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, sending.Token);
                    sent++;
                }
            }
            catch (WebSocketException)
            {
                // The node aborted the connection while we were still sending: that is the behaviour under test.
            }
        }

        // The node dropped the slow connection (bounded wait), and only that one.
        await WaitUntilAsync(() => hub.Count == 1);
        Assert.That(sent, Is.LessThan(MaxRequests), "the node never closed a connection that does not read");

        // The other connection is unaffected: it still gets its answers.
        await healthy.SendTextAsync(Ping(8));
        var pong = await healthy.ReceiveContainingAsync("\"pong\"");
        Assert.That(pong, Does.StartWith("{\"res\":[8,\"pong\","));

        // The slow client, once it does read, finds fewer answers than requests and then the end of the connection.
        var received = await DrainUntilClosedAsync(slow);
        TestContext.Out.WriteLine($"sent {sent} requests, received {received} frames (assets push included) before the close");
        Assert.That(received, Is.LessThan(sent + 1), "the assets push and every response were delivered: nothing was dropped");
    }

    // A WebSocket whose TCP receive buffer is tiny (no autotuning), so unread frames back up into the node quickly.
    private static async Task<ClientWebSocket> ConnectNonReadingAsync(Uri url)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(NodeHarness.Wait);
        await client.ConnectAsync(url, new HttpMessageInvoker(handler), cts.Token);
        return client;
    }

    // Reads whatever the node had written before it aborted; returns the number of complete messages.
    private static async Task<int> DrainUntilClosedAsync(ClientWebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var messages = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return messages;
                if (result.EndOfMessage) messages++;
            }
        }
        catch (WebSocketException)
        {
            return messages;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + NodeHarness.Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not reached within " + NodeHarness.Wait);
            await Task.Delay(20);
        }
    }
}
