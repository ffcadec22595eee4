using NUnit.Framework;
namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>The crypto vectors must be present; a missing file is a failure, never a silent skip.</summary>
public sealed class VectorFilePresenceTests
{
    [TestCase("keys.json", "keys", 7)]
    [TestCase("eip712-auth.json", "cases", 5)]
    [TestCase("app-session-ids.json", "vectors", 5)]
    [TestCase("rpc-signing.json", "vectors", 21)]
    public void VectorFileIsPresentWithItsEntries(string file, string member, int count)
    {
        Assert.That(VectorCases.Array(file, member), Has.Count.EqualTo(count), $"{file} in {VectorFiles.Directory}");
    }

    [Test]
    public void MissingVectorFileFailsLoudly()
    {
        var error = Assert.Throws<FileNotFoundException>(() => VectorFiles.Load("no-such-vectors.json"));
        Assert.That(error!.Message, Does.StartWith("Golden vector file missing: ").And.EndWith("no-such-vectors.json"));
    }
}
