using NitroConformance.Fixtures.Params;
using System.Text.Json.Nodes;
using NUnit.Framework;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.Tests.Ledger;

public sealed class LedgerAmountTests
{
    [TestCase("100", "100")]
    [TestCase("100.000", "100")]
    [TestCase("0.5", "0.5")]
    [TestCase("-50", "-50")]
    [TestCase("0", "0")]
    [TestCase("-0.0", "0")]
    [TestCase("0.000000000000000001", "0.000000000000000001")]
    [TestCase("123456789012345678.123456789", "123456789012345678.123456789")]
    [TestCase("1e2", "100")]
    [TestCase("1.5E-3", "0.0015")]
    [TestCase(".5", "0.5")]
    [TestCase("+7", "7")]
    public void ParseAndFormatCanonically(string text, string canonical)
    {
        Assert.That(GoDecimal.TryParseInRange(text, out var value), Is.True);
        Assert.That(GoDecimal.Format(value), Is.EqualTo(canonical));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("1.2.3")]
    [TestCase("0x10")]
    [TestCase(" 1")]
    [TestCase("1,5")]
    [TestCase("NaN")]
    public void RejectsNonDecimalText(string text) => Assert.That(GoDecimal.TryParseInRange(text, out _), Is.False);

    [TestCase("0.0000000000000000005", "0.000000000000000001")]
    [TestCase("-0.0000000000000000005", "-0.000000000000000001")]
    [TestCase("0.0000000000000000004", "0")]
    [TestCase("1.1234567890123456789", "1.123456789012345679")]
    public void StorageRoundsHalfAwayFromZeroAt18Digits(string text, string stored)
    {
        GoDecimal.TryParseInRange(text, out var value);
        Assert.That(GoDecimal.Format(LedgerAmount.ToStorage(value)), Is.EqualTo(stored));
    }

    [Test]
    public void NumbersPassThroughADouble()
    {
        var p = ParamReader.From(JsonNode.Parse("{\"a\":0.1,\"b\":1e2,\"c\":null,\"D\":\"2\",\"d\":\"3\"}"));
        Assert.That((p.Decimal("a"), p.Decimal("b"), p.Decimal("c"), p.Decimal("d")), Is.EqualTo((0.1m, 100m, 0m, 3m)));
        Assert.Throws<ParamDecodeException>(() => p.UInt64("a"));
        Assert.That(ParamReader.From(JsonNode.Parse("{\"n\":9007199254740993}")).UInt64("n"), Is.EqualTo(9007199254740992UL));
        Assert.Throws<ParamDecodeException>(() => ParamReader.From(JsonNode.Parse("{\"n\":1e21}")).UInt64("n"));
        Assert.Throws<ParamDecodeException>(() => ParamReader.From(JsonNode.Parse("{\"n\":-1}")).UInt64("n"));
        Assert.Throws<ParamDecodeException>(() => ParamReader.From(JsonNode.Parse("{\"s\":5}")).String("s"));
        Assert.Throws<ParamDecodeException>(() => ParamReader.From(JsonNode.Parse("[]")));
    }

    [Test]
    public void SubStorageAmountsWriteNoRow_ButStillPassValidation()
    {
        var h = new LedgerHarness();
        h.State.Credit(LedgerHarness.Alice.Address, "usdc", 1m);
        var o = h.Call("transfer", JsonNode.Parse("{\"destination\":\"" + LedgerHarness.Bob.Address + "\",\"allocations\":[{\"asset\":\"usdc\",\"amount\":\"0.0000000000000000001\"}]}")!,
            LedgerHarness.Alice, LedgerHarness.Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(h.Unified(LedgerHarness.Alice), Is.EqualTo(1m));
        Assert.That(h.State.Transactions.Single().Amount, Is.EqualTo(0m));
        h.AssertConserved();
    }

    [Test]
    public void AmountsAsNumbersExponentsAndLongFractionsThroughCreate()
    {
        var h = new LedgerHarness();
        h.State.Credit(LedgerHarness.Alice.Address, "usdc", 100m);
        var alice = LedgerHarness.Alice.Address;
        var raw = "{\"definition\":{\"application\":\"a\",\"protocol\":\"NitroRPC/0.4\",\"participants\":[\"" + alice + "\",\"" + LedgerHarness.Bob.Address
            + "\"],\"weights\":[1,1],\"quorum\":1,\"nonce\":3},\"allocations\":[{\"participant\":\"" + alice + "\",\"asset\":\"usdc\",\"amount\":0.1},"
            + "{\"participant\":\"" + alice + "\",\"asset\":\"usdc\",\"amount\":\"1E1\"},"
            + "{\"participant\":\"" + alice + "\",\"asset\":\"usdc\",\"amount\":\"0.1234567890123456789\"}]}";
        var o = h.Call("create_app_session", JsonNode.Parse(raw)!, LedgerHarness.Alice, LedgerHarness.Alice);
        Assert.That(o.Error, Is.Null);
        var id = o.Result!["app_session_id"]!.GetValue<string>();
        Assert.That(h.Share(id, LedgerHarness.Alice), Is.EqualTo(10.223456789012345679m), "each row rounded to 18 digits when written");
        Assert.That(LedgerHarness.Json(o.Notifications[0].Payload), Is.EqualTo("{\"balance_updates\":[{\"asset\":\"usdc\",\"amount\":\"89.776543210987654321\"}]}"));
        h.AssertConserved();
    }
}
