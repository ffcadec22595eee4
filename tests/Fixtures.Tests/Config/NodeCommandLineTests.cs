using System.Net;
using NitroConformance.Fixtures.Config;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Tests.Support;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Config;

/// <summary>The standalone node's arguments, in particular the listen address (<c>--host</c>, <c>host:</c>).</summary>
[TestFixture]
public sealed class NodeCommandLineTests
{
    [Test]
    public void DefaultsListenOnLoopbackPort8000()
    {
        var options = NodeCommandLine.Parse([], out var listOnly);
        Assert.That(listOnly, Is.False);
        Assert.That(options.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(options.Port, Is.EqualTo(8000));
        Assert.That(new ReferenceNodeOptions().Host, Is.EqualTo(ReferenceNodeOptions.DefaultHost));
        Assert.That(IPAddress.IsLoopback(IPAddress.Parse(ReferenceNodeOptions.DefaultHost)), Is.True);
    }

    [Test]
    public void HostPortRelayAndDefectsParse()
    {
        var options = NodeCommandLine.Parse(["--host", "0.0.0.0", "--port", "9001", "--relay", "--defect", "stale-timestamp-accepted"], out _);
        Assert.That(options.Host, Is.EqualTo("0.0.0.0"));
        Assert.That(options.Port, Is.EqualTo(9001));
        Assert.That(options.AppMessageRelay, Is.True);
        Assert.That(options.Defects, Is.EquivalentTo(new[] { DefectId.StaleTimestampAccepted }));
    }

    [Test]
    public void HostArgumentOverridesTheConfigFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"node-host-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "host: \"::\"\nport: 8123\n");
        try
        {
            Assert.That(NodeCommandLine.Parse(["--config", path], out _).Host, Is.EqualTo("::"));
            var overridden = NodeCommandLine.Parse(["--config", path, "--host", "127.0.0.1"], out _);
            Assert.That(overridden.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(overridden.Port, Is.EqualTo(8123));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(new[] { "--host", "example.org" }, "--host: not an IP address (e.g. 127.0.0.1 or 0.0.0.0): 'example.org'")]
    [TestCase(new[] { "--host" }, "--host needs a value")]
    [TestCase(new[] { "--port", "70000" }, "--port: not a port number: '70000'")]
    [TestCase(new[] { "--colour" }, "unknown argument '--colour'")]
    public void BadArgumentsNameTheArgument(string[] args, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => NodeCommandLine.Parse(args, out _));
        Assert.That(e!.Message, Is.EqualTo(message));
    }

    [Test]
    public void YamlHostMustBeAnAddress()
    {
        var e = Assert.Throws<NodeConfigException>(() => NodeConfigFile.Parse("host: localhost.example\n", "bad.yaml"));
        Assert.That(e!.Message, Is.EqualTo("bad.yaml:1:7: host: expected an IP address such as 127.0.0.1 or 0.0.0.0, got 'localhost.example'"));
    }

    [Test]
    public void OptionsValidatorRejectsANonAddressHost()
    {
        var e = Assert.ThrowsAsync<ArgumentException>(async () =>
            await ReferenceNode.StartAsync(new ReferenceNodeOptions { Host = "not-an-ip" }));
        Assert.That(e!.Message, Does.StartWith("ReferenceNodeOptions.Host must be an IP address (e.g. 127.0.0.1 or 0.0.0.0), got 'not-an-ip'."));
    }

    [Test]
    public async Task InProcessDefaultListensOnLoopbackOnly()
    {
        await using var harness = await NodeHarness.StartAsync();
        Assert.That(harness.Node.Url.Host, Is.EqualTo("127.0.0.1"));
        // The kernel's table of listening sockets shows the bound address: 127.0.0.1, not the 0.0.0.0 wildcard.
        if (!File.Exists("/proc/net/tcp")) Assert.Ignore("needs Linux /proc/net/tcp to see the bound address");
        var port = harness.Node.Url.Port.ToString("X4");
        var listeners = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[1].EndsWith(":" + port, StringComparison.Ordinal) && f[3] == "0A")
            .Select(f => f[1])
            .ToList();
        Assert.That(listeners, Is.EqualTo(new[] { "0100007F:" + port }));
    }
}
