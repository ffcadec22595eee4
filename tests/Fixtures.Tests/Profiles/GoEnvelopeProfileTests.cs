using NitroConformance.Fixtures.Envelope;
using NitroConformance.Fixtures.Tests.Support;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>
/// Envelope decoding in both profiles: Go's validator checks the nested <c>res</c> fields (rpc.go ~l.12-13, 46-50)
/// before the handler answers "message request is empty" (rpc_node.go ~l.177-186); decode errors met with a null
/// <c>req</c> are marked, because the Go node dies answering them.
/// </summary>
[TestFixture]
public sealed class GoEnvelopeProfileTests
{
    [TestCase("{\"req\":null,\"res\":[1,\"x\",{},1]}", "message request is empty")]
    [TestCase("{\"req\":null,\"res\":[0,\"x\",{},1]}", "message validation failed")]
    [TestCase("{\"req\":null,\"res\":[1,\"\",{},1]}", "message validation failed")]
    [TestCase("{\"req\":null,\"res\":[1,null,{},1]}", "message validation failed")]
    [TestCase("{\"req\":null,\"res\":[1,\"x\",null,1]}", "message validation failed")]
    [TestCase("{\"req\":null,\"res\":[1,\"x\",{},0]}", "message validation failed")]
    [TestCase("{\"req\":null,\"res\":[1,\"x\",0,1]}", "message request is empty")]
    [TestCase("{\"req\":null}", "message validation failed")]
    public void NestedResFieldsAreValidated(string frame, string error)
    {
        var (request, failure) = EnvelopeDecoder.Decode(frame);
        Assert.That(request, Is.Null);
        Assert.That((failure!.Error, failure.RequestId, failure.NilRequest), Is.EqualTo((error, 0UL, false)));
    }

    [TestCase("{\"req\":null,\"sig\":5}", true)]
    [TestCase("{\"sig\":5,\"req\":null}", true)]
    [TestCase("{\"req\":null,\"sig\":[\"zz\"]}", true)]
    [TestCase("{\"req\":null,\"res\":5}", true)]
    [TestCase("{\"req\":null,\"req\":[1,\"ping\",{},1],\"sig\":5}", false)]
    [TestCase("{\"req\":[1,\"ping\",{},1],\"sig\":5}", false)]
    [TestCase("{\"req\":null", false)]
    [TestCase("[1]", false)]
    public void DecodeErrorsWithANullRequestAreMarked(string frame, bool nilRequest)
    {
        var failure = EnvelopeDecoder.Decode(frame).Failure!;
        Assert.That((failure.Error, failure.NilRequest), Is.EqualTo(("invalid message format", nilRequest)));
    }

    [Test]
    public async Task OverTheWire()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { Profile = NodeProfile.GoV05, RandomSeed = 1 });
        var client = await harness.ConnectAsync();
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.RawAsync(client, "{\"req\":null,\"res\":[0,\"x\",{},1]}")), Is.EqualTo("message validation failed"));
        Assert.That(NodeHarness.ErrorOf(await NodeHarness.RawAsync(client, "{\"req\":null,\"res\":[7,\"x\",{},1]}")), Is.EqualTo("message request is empty"));
        Assert.That(harness.Node.HasCrashed, Is.False);
    }
}
