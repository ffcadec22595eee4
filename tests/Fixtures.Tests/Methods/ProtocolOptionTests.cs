using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Methods;

/// <summary><see cref="ReferenceNodeOptions.Protocols"/>: a switched-off protocol cannot be used to create sessions.</summary>
[TestFixture]
public sealed class ProtocolOptionTests
{
    [Test]
    public async Task DisabledProtocolIsRefusedAndEnabledOneWorks()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions
        {
            Protocols = new HashSet<string> { "NitroRPC/0.4" },
            InitialBalances = [new InitialBalance(TestKeys.Alice.Address, "usdc", 10m)],
        });
        var client = await harness.ConnectAsync();
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("proto"));
        AppDefinition Definition(string protocol) => new("app", protocol, [TestKeys.Alice.Address, TestKeys.Bob.Address], [1, 1], 1, 0, 1);
        var allocations = new[] { new AppAllocation(TestKeys.Alice.Address, "usdc", "1") };

        var old = await NodeHarness.CallAsync(client, "create_app_session", Requests.CreateAppSession(Definition("NitroRPC/0.2"), allocations), TestKeys.Alice);
        Assert.That(NodeHarness.ErrorOf(old), Is.EqualTo("unsupported protocol: NitroRPC/0.2"));
        var current = await NodeHarness.CallAsync(client, "create_app_session", Requests.CreateAppSession(Definition("NitroRPC/0.4"), allocations), TestKeys.Alice);
        Assert.That(current.Method, Is.EqualTo("create_app_session"), current.Text);
    }
}
