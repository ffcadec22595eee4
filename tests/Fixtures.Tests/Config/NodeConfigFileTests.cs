using NitroConformance.Fixtures.Config;
using NitroConformance.Fixtures.Defects;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Config;

/// <summary>The YAML configuration: the sample loads, and every error names file, line, column and field.</summary>
[TestFixture]
public sealed class NodeConfigFileTests
{
    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Fixtures", "node.sample.yaml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("src/Fixtures/node.sample.yaml not found above the test directory");
    }

    [Test]
    public void SampleLoadsIntoOptions()
    {
        var options = NodeConfigFile.Load(SamplePath());
        Assert.That(options.Port, Is.EqualTo(8000));
        Assert.That(options.AppMessageRelay, Is.False);
        Assert.That(options.MaxFrameBytes, Is.EqualTo(1048576));
        Assert.That(options.Assets.Select(a => (a.Symbol, a.Decimals, a.ChainId)), Is.EqualTo(new[] { ("usdc", 6, 1337u), ("weth", 18, 1337u) }));
        Assert.That(options.InitialBalances, Has.Count.EqualTo(2));
        Assert.That(options.InitialBalances[0], Is.EqualTo(new InitialBalance("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "usdc", 1000m)));
        Assert.That(options.Networks.Single().Name, Is.EqualTo("anvil"));
        Assert.That(options.Protocols, Is.EquivalentTo(new[] { "NitroRPC/0.2", "NitroRPC/0.4" }));
        Assert.That(options.Defects, Is.Empty);
    }

    [Test]
    public void DefectsAndSwitchesParse()
    {
        var options = NodeConfigFile.Parse("relay: yes\ntimestamp_window_seconds: 5\ndefects: [stale-timestamp-accepted, asu-not-sent]\n", "n.yaml");
        Assert.That(options.AppMessageRelay, Is.True);
        Assert.That(options.TimestampWindow, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.Defects, Is.EquivalentTo(new[] { DefectId.StaleTimestampAccepted, DefectId.AsuNotSent }));
    }

    [Test]
    public void EmptyFileGivesDefaults()
    {
        var options = NodeConfigFile.Parse("", "empty.yaml");
        Assert.That(options.BrokerPrivateKey, Is.EqualTo(ReferenceNodeOptions.DefaultBrokerPrivateKey));
    }

    [TestCase("port: abc\n", "bad.yaml:1:7: port: expected an integer in 0..65535, got 'abc'")]
    [TestCase("prot: 1\n", "bad.yaml:1:1: prot: unknown setting")]
    [TestCase("assets:\n  - symbol: usdc\n    decimals: 6\n", "bad.yaml:2:5: assets[0].chain_id: required field is missing")]
    [TestCase("assets:\n  - { symbol: usdc, decimals: x, chain_id: 1 }\n", "bad.yaml:2:31: assets[0].decimals: expected an integer in 0..36, got 'x'")]
    [TestCase("assets:\n  - { symbol: usdc, decimals: 6, chain_id: 1, colour: red }\n", "bad.yaml:2:47: assets[0].colour: unknown field")]
    [TestCase("balances:\n  - { wallet: '0x1', asset: usdc, amount: '-5' }\n", "bad.yaml:2:43: balances[0].amount: expected a non-negative decimal amount, got '-5'")]
    [TestCase("defects: [no-such-defect]\n", "bad.yaml:1:11: defects[0]: unknown defect 'no-such-defect'")]
    [TestCase("broker_private_key: '0x1234'\n", "bad.yaml:1:21: broker_private_key: not a valid secp256k1 private key")]
    [TestCase("relay: maybe\n", "bad.yaml:1:8: relay: expected true or false, got 'maybe'")]
    [TestCase("assets: 5\n", "bad.yaml:1:9: assets: expected a list")]
    [TestCase("port: [1\n", "bad.yaml:")]
    [TestCase("- 1\n", "bad.yaml:1:1: (root): expected a mapping of settings")]
    public void ErrorsNameFileLineColumnAndField(string yaml, string expectedStart)
    {
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigFile.Parse(yaml, "bad.yaml"));
        Assert.That(error!.Message, Does.StartWith(expectedStart));
    }

    [Test]
    public void MissingFileIsReportedWithItsPath()
    {
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigFile.Load("/nonexistent/node.yaml"));
        Assert.That(error!.Message, Does.StartWith("/nonexistent/node.yaml: cannot read the node configuration"));
    }

    [Test]
    public async Task ConfiguredBalancesAreVisibleOverTheWire()
    {
        var options = NodeConfigFile.Load(SamplePath()) with { Port = 0 };
        await using var harness = await Support.NodeHarness.StartAsync(options);
        var client = await harness.ConnectAsync();
        await Support.NodeHarness.AuthenticateAsync(client, Support.TestKeys.Alice, Support.TestKeys.Key("cfg"));
        var balances = await Support.NodeHarness.CallAsync(client, "get_ledger_balances", new System.Text.Json.Nodes.JsonObject());
        Assert.That(balances.RawParams, Is.EqualTo("{\"ledger_balances\":[{\"asset\":\"usdc\",\"amount\":\"1000\"}]}"));
    }

    [Test]
    public void InvalidOptionsAreRejectedNamingTheMember()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => ReferenceNode.StartAsync(new ReferenceNodeOptions { MaxFrameBytes = 10 }));
        Assert.That(error!.Message, Does.StartWith("ReferenceNodeOptions.MaxFrameBytes must be at least 1024"));
        error = Assert.ThrowsAsync<ArgumentException>(() => ReferenceNode.StartAsync(new ReferenceNodeOptions { BrokerPrivateKey = "xyz" }));
        Assert.That(error!.Message, Does.StartWith("ReferenceNodeOptions.BrokerPrivateKey is not a valid"));
    }
}
