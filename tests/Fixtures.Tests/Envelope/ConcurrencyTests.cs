using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Envelope;

/// <summary>Many connections at once: every request answered once, with its own id, and a dying connection harms no other.</summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    [Test]
    public async Task ParallelConnectionsEachGetTheirOwnAnswersWhileOthersMisbehave()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { MaxFrameBytes = 2048 });
        var clients = new List<Protocol.Client.ClearNodeClient>();
        for (var i = 0; i < 12; i++) clients.Add(await harness.ConnectAsync());

        var saboteurs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var raw = await RawSocket.ConnectAsync(harness.Node.Url);
            await raw.SendTextAsync("{broken");
            await raw.SendTextAsync(new string('x', 4096));
            await raw.ReceiveContainingOrClosedAsync("never");
        });
        var workers = clients.Select(async client =>
        {
            var ids = new List<ulong>();
            for (var n = 0; n < 25; n++)
            {
                var reply = await client.RequestAsync("ping", Requests.Ping(), [], NodeHarness.Wait);
                Assert.That(reply.Method, Is.EqualTo("pong"));
                ids.Add(reply.RequestId);
            }
            return ids;
        }).ToList();

        await Task.WhenAll(saboteurs).WaitAsync(TimeSpan.FromSeconds(30));
        var results = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var ids in results) Assert.That(ids, Is.EqualTo(Enumerable.Range(1, 25).Select(i => (ulong)i)));
        foreach (var client in clients) Assert.That(client.ProtocolViolations, Is.Empty);
    }
}
