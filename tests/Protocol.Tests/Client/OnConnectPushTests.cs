using System.Text.Json.Nodes;
using NitroConformance.Protocol.Client;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Client;

/// <summary>The push a node sends right after the upgrade (ClearNode's <c>assets</c>) reaches a subscription opened with the connection.</summary>
[TestFixture]
[CancelAfter(120_000)]
public class OnConnectPushTests
{
    private const int Connections = 1000;

    [Test]
    public async Task Thousand_connections_never_miss_the_on_connect_assets_push()
    {
        // The push goes out in the same write burst as the 101 upgrade, the tightest race with the client's receive loop.
        await using var server = new TestWebSocketServer(async c =>
        {
            await c.SendAsync(TestWebSocketServer.Response(0, "assets", new JsonObject { ["assets"] = new JsonArray() }));
            await c.HoldAsync();
        });
        var options = new ClearNodeClientOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(10), RequestTimeout = TimeSpan.FromSeconds(10),
            CloseTimeout = TimeSpan.FromMilliseconds(200), SubscribeOnConnect = true, FrameLogEnabled = false,
        };
        var missed = 0;
        var received = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Connections), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) =>
        {
            await using var client = await ClearNodeClient.ConnectAsync(server.Url, options, ct);
            try
            {
                var push = await client.InitialPushes!.NextAsync(TimeSpan.FromSeconds(5), ct);
                if (push.Method == "assets" && push.RawParams == "{\"assets\":[]}") Interlocked.Increment(ref received);
                else Interlocked.Increment(ref missed);
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref missed);
            }
        });
        Assert.That((received, missed), Is.EqualTo((Connections, 0)));
    }
}
