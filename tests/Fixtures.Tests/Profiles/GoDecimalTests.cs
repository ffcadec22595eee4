using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Tests.Support;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NUnit.Framework;

namespace NitroConformance.Fixtures.Tests.Profiles;

/// <summary>
/// Allowance amounts under the Go profile: the grammar and error texts of shopspring/decimal v1.4.0
/// <c>NewFromString</c> (rpc_router_auth.go ~l.283), end to end in <c>auth_verify</c>.
/// </summary>
[TestFixture]
public sealed class GoDecimalTests
{
    [TestCase("1.2.3", "can't convert 1.2.3 to decimal: too many .s")]
    [TestCase("1..2e5", "can't convert 1..2 to decimal: too many .s")]
    [TestCase("1e", "can't convert 1e to decimal: exponent is not numeric")]
    [TestCase("1e+", "can't convert 1e+ to decimal: exponent is not numeric")]
    [TestCase("1e5.5", "can't convert 1e5.5 to decimal: exponent is not numeric")]
    [TestCase("1.2.3e", "can't convert 1.2.3e to decimal: exponent is not numeric")]
    [TestCase("ten", "can't convert ten to decimal: exponent is not numeric")]
    [TestCase("five", "can't convert five to decimal: exponent is not numeric")]
    [TestCase("1e99999999999", "can't convert 1e99999999999 to decimal: fractional part too long")]
    [TestCase("1e2147483648", "can't convert 1e2147483648 to decimal: fractional part too long")]
    [TestCase(".5e-2147483648", "can't convert .5e-2147483648 to decimal: fractional part too long")]
    [TestCase("abc", "can't convert abc to decimal")]
    [TestCase("", "can't convert  to decimal")]
    [TestCase(".", "can't convert . to decimal")]
    [TestCase("-", "can't convert - to decimal")]
    [TestCase("++5", "can't convert ++5 to decimal")]
    [TestCase(" 1", "can't convert  1 to decimal")]
    [TestCase("1,5", "can't convert 1,5 to decimal")]
    [TestCase("1_000", "can't convert 1_000 to decimal")]
    [TestCase("0x10", "can't convert 0x10 to decimal")]
    [TestCase("1234567890123456789x", "can't convert 1234567890123456789x to decimal")]
    public void RejectedTextsGetTheLibrarysMessage(string text, string error)
    {
        Assert.That(GoDecimal.Parse(text, out var value), Is.EqualTo(error));
        Assert.That(value, Is.Zero);
    }

    [TestCase("100", "100")]
    [TestCase("+5", "5")]
    [TestCase("-0", "0")]
    [TestCase(".5", "0.5")]
    [TestCase("5.", "5")]
    [TestCase("-.5", "-0.5")]
    [TestCase("1E3", "1000")]
    [TestCase("1e+3", "1000")]
    [TestCase("25e-1", "2.5")]
    [TestCase("12345678901234567890.5", "12345678901234567890.5")]
    [TestCase("1e-100", "0")]
    [TestCase("1e2147483647", "79228162514264337593543950335")]
    [TestCase("-1e100", "-79228162514264337593543950335")]
    public void AcceptedTextsAndTheirValues(string text, string value)
    {
        Assert.That(GoDecimal.Parse(text, out var parsed), Is.Null);
        Assert.That(parsed, Is.EqualTo(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase(NodeProfile.GoV05, "unsupported token: invalid amount '1.2.3' for asset 'usdc': can't convert 1.2.3 to decimal: too many .s")]
    [TestCase(NodeProfile.Default, "unsupported token: invalid amount '1.2.3' for asset 'usdc': can't convert 1.2.3 to decimal")]
    public async Task AuthVerifyNamesTheLibrarysError(NodeProfile profile, string error)
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { Profile = profile, RandomSeed = 1 });
        var client = await harness.ConnectAsync();
        var e = Assert.ThrowsAsync<RpcErrorException>(() =>
            NodeHarness.AuthenticateAsync(client, TestKeys.Alice, TestKeys.Key("decimal-sk"), allowances: [new Allowance("usdc", "1.2.3")]))!;
        Assert.That(e.ErrorText, Is.EqualTo(error));
    }

    [Test]
    public async Task GoAcceptsAnAllowanceBeyondDecimalRangeAsAnUnlimitedCap()
    {
        await using var harness = await NodeHarness.StartAsync(new ReferenceNodeOptions { Profile = NodeProfile.GoV05, RandomSeed = 1 });
        var client = await harness.ConnectAsync();
        var key = TestKeys.Key("decimal-big");
        await NodeHarness.AuthenticateAsync(client, TestKeys.Alice, key, application: "chess", allowances: [new Allowance("usdc", "1e100")]);
        Assert.That(harness.Node.Runtime.SessionKeys.Find(key.Address)!.Allowances["usdc"], Is.EqualTo(decimal.MaxValue));
    }
}
