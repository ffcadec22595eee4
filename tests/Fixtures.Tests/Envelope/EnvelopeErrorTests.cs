using NUnit.Framework;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;

namespace NitroConformance.Fixtures.Tests.Envelope;

/// <summary>clearnode-rpc.md §2.1, §3.1 steps 1–3 and §3.2: exact texts and which request id the error carries.</summary>
[TestFixture]
public sealed class EnvelopeErrorTests
{
    private const string Format = "invalid message format";
    private const string Validation = "message validation failed";
    private const ulong ServerTime = 0;

    private NodeHarness _harness = null!;
    private ClearNodeClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _harness = await NodeHarness.StartAsync();
        _client = await _harness.ConnectAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    /// <summary>(frame, error text, echoed id or 0 for "server time").</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData C(string frame, string error, ulong id) => new TestCaseData(frame, error, id).SetArgDisplayNames(frame.Length > 60 ? frame[..60] : frame);
        yield return C("{invalid json", Format, ServerTime);
        yield return C("[1,\"ping\",{},1]", Format, ServerTime);
        yield return C("\"text\"", Format, ServerTime);
        yield return C("42", Format, ServerTime);
        yield return C("null", Validation, ServerTime);
        yield return C("{}", Validation, ServerTime);
        yield return C("{\"req\":[1,\"ping\",{}]}", Format, ServerTime);
        yield return C("{\"req\":[1,\"ping\",{},1700000000000,5]}", Format, ServerTime);
        yield return C("{\"req\":{\"id\":1}}", Format, ServerTime);
        yield return C("{\"req\":[\"7\",\"ping\",{},1700000000000]}", Format, ServerTime);
        yield return C("{\"req\":[-7,\"ping\",{},1700000000000]}", Format, ServerTime);
        yield return C("{\"req\":[7.5,\"ping\",{},1700000000000]}", Format, ServerTime);
        yield return C("{\"req\":[18446744073709551616,\"ping\",{},1700000000000]}", Format, ServerTime);
        yield return C("{\"req\":[7,5,{},1700000000000]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},1.5]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},\"1700000000000\"]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},1700000000000],\"sig\":[\"zz\"]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},1700000000000],\"sig\":[\"0x123\"]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},1700000000000],\"sig\":[5]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},1700000000000],\"sig\":[null]}", Format, 7);
        yield return C("{\"sig\":[\"zz\"],\"req\":[7,\"ping\",{},1700000000000]}", Format, ServerTime);
        yield return C("{\"sig\":5,\"req\":[7,\"ping\",{},1700000000000]}", Format, 7);
        yield return C("{\"req\":[7,\"ping\",{},1700000000000],\"sid\":5}", Format, 7);
        yield return C("{\"req\":null,\"sig\":5}", Format, ServerTime);
        yield return C("{\"req\":null}", Validation, ServerTime);
        yield return C("{\"req\":[0,\"ping\",{},1700000000000]}", Validation, ServerTime);
        yield return C("{\"req\":[7,\"\",{},1700000000000]}", Validation, ServerTime);
        yield return C("{\"req\":[7,\"ping\",null,1700000000000]}", Validation, ServerTime);
        yield return C("{\"req\":[7,\"ping\",{},0]}", Validation, ServerTime);
        yield return C("{\"req\":[7,null,{},1700000000000]}", Validation, ServerTime);
        yield return C("{\"req\":[7,\"ping\",{},1700000000000],\"res\":[7,\"ping\",{},1700000000000]}", Validation, ServerTime);
        yield return C("{\"res\":[7,\"pong\",null,1700000000000]}", Validation, ServerTime);
        yield return C("{\"req\":null,\"res\":[7,\"pong\",{},1700000000000]}", "message request is empty", ServerTime);
        yield return C("{\"req\":[7,\"nope\",{},1700000000000]}", "unknown method: nope", 7);
        yield return C("{\"req\":[8,\"Ping\",{},1700000000000]}", "unknown method: Ping", 8);
        yield return C("{\"req\":[9,\"message\",{},1700000000000],\"sid\":\"0x01\"}", "unknown method: message", 9);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task MalformedFrameGetsExactErrorAndIdRule(string frame, string error, ulong expectedId)
    {
        var before = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var reply = await NodeHarness.RawAsync(_client, frame);
        var after = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.That(NodeHarness.ErrorOf(reply), Is.EqualTo(error));
        if (expectedId == ServerTime)
            Assert.That(reply.RequestId, Is.InRange(before, after), "step 1/2 failures carry the server's ms time");
        else
            Assert.That(reply.RequestId, Is.EqualTo(expectedId));
        Assert.That(reply.Timestamp, Is.InRange(before, after));
        Assert.That(NodeHarness.SignerOf(reply), Is.EqualTo(_harness.Node.BrokerAddress));
    }

    [Test]
    public async Task PingWithAnyNonNullParamsIsPongWithNullResult()
    {
        foreach (var parameters in new[] { "{}", "[]", "0", "false", "\"\"" })
        {
            var reply = await NodeHarness.RawAsync(_client, $"{{\"req\":[4242,\"ping\",{parameters},1700000000000]}}");
            Assert.That(reply.Method, Is.EqualTo("pong"), reply.Text);
            Assert.That(reply.RawArray, Does.StartWith("[4242,\"pong\",null,"));
        }
    }

    [Test]
    public async Task KeysMatchCaseInsensitivelyAndUnknownKeysAreIgnored()
    {
        var reply = await NodeHarness.RawAsync(_client, "{\"extra\":[1,2],\"REQ\":[4243,\"ping\",{},1700000000000],\"Sig\":[]}");
        Assert.That(reply.Method, Is.EqualTo("pong"), reply.Text);
        Assert.That(reply.RequestId, Is.EqualTo(4243UL));
    }

    [Test]
    public async Task SidOnOrdinaryRequestIsIgnored()
    {
        var reply = await NodeHarness.RawAsync(_client, "{\"req\":[4244,\"ping\",{},1700000000000],\"sid\":\"0xabc\",\"sig\":[]}");
        Assert.That(reply.Method, Is.EqualTo("pong"));
        Assert.That(reply.Text, Does.Not.Contain("sid"));
    }

    [Test]
    public async Task ResponseFrameIsExactlyResThenSig()
    {
        var reply = await NodeHarness.RawAsync(_client, "{\"req\":[4245,\"ping\",{},1700000000000]}");
        Assert.That(reply.Text, Does.Match("^\\{\"res\":\\[4245,\"pong\",null,[0-9]{13}\\],\"sig\":\\[\"0x[0-9a-f]{130}\"\\]\\}$"));
    }
}
