using NUnit.Framework;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.Tests.Ledger;

public sealed class NodeLedgerStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void CreditSeedsTheUnifiedBalanceUnderTheChecksumAddress()
    {
        var state = new NodeLedgerState();
        var wallet = LedgerHarness.Alice.Address;
        state.Credit(wallet.ToLowerInvariant(), "usdc", 5m, T0);
        state.Credit(wallet, "usdc", 2.5m, T0);
        Assert.That(state.UnifiedBalance(wallet, "usdc"), Is.EqualTo(7.5m));
        Assert.That(state.Entries.All(e => e.AccountId == wallet && e.Wallet == wallet), Is.True);
        Assert.That(state.Minted["usdc"], Is.EqualTo(7.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.Credit(wallet, "usdc", -1m));
    }

    [Test]
    public void BalancesListAssetsWithHistoryEvenAtZero()
    {
        var state = new NodeLedgerState();
        var wallet = LedgerHarness.Alice.Address;
        state.Credit(wallet, "usdc", 5m, T0);
        state.Credit(wallet, "eth", 1m, T0);
        state.Record(wallet, wallet, "usdc", -5m, null, T0);
        state.Record("0xsession", wallet, "usdc", 5m, null, T0);
        Assert.That(state.UnifiedBalances(wallet), Is.EqualTo(new[] { new AssetBalance("usdc", 0m), new AssetBalance("eth", 1m) }));
        Assert.That(state.AccountTotals("0xsession"), Is.EqualTo(new[] { new AssetBalance("usdc", 5m) }));
        Assert.That(state.ConservationViolations(), Is.Empty);
    }

    [Test]
    public void ZeroRowsAreNeverWritten_AndRollbackRestoresIds()
    {
        var state = new NodeLedgerState();
        state.Record("a", LedgerHarness.Alice.Address, "usdc", 0m, null, T0);
        Assert.That(state.Entries, Is.Empty);
        var save = state.Savepoint();
        state.Record("a", LedgerHarness.Alice.Address, "usdc", 3m, null, T0);
        state.RecordTransaction(LedgerTransactionType.Transfer, "a", "b", "usdc", 3m, T0);
        state.RollbackTo(save);
        Assert.That((state.Entries.Count, state.Transactions.Count), Is.EqualTo((0, 0)));
        Assert.That(state.RecordTransaction(LedgerTransactionType.Transfer, "a", "b", "usdc", -3m, T0).Id, Is.EqualTo(1));
        Assert.That(state.Transactions.Single().Amount, Is.EqualTo(3m), "amounts are stored as absolute values");
    }

    [Test]
    public void ConservationViolationsDetectCreatedValue()
    {
        var state = new NodeLedgerState();
        state.Credit(LedgerHarness.Alice.Address, "usdc", 1m, T0);
        state.Record("x", LedgerHarness.Bob.Address, "usdc", 1m, null, T0);
        Assert.That(state.ConservationViolations(), Is.EqualTo(new[] { "usdc" }));
    }

    [Test]
    public void SessionKeyUsageSumsDebitsRecordedWithTheKey()
    {
        var state = new NodeLedgerState();
        var w = LedgerHarness.Alice.Address;
        state.Record(w, w, "usdc", -3m, "0xkey", T0);
        state.Record(w, w, "usdc", -4m, "0xkey", T0);
        state.Record(w, w, "usdc", 10m, "0xkey", T0);
        state.Record(w, w, "eth", -1m, "0xkey", T0);
        Assert.That(state.SessionKeyUsage("0xkey", "usdc"), Is.EqualTo(7m));
    }

    [TestCase("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    [TestCase("70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    [TestCase("0x1", "0x0000000000000000000000000000000000000001")]
    [TestCase("alice", "0x000000000000000000000000000000000000000A")] // odd length: "0a" decodes, then "li" stops
    [TestCase("bobby1", "0x0000000000000000000000000000000000000000")]
    [TestCase("0x12zz", "0x0000000000000000000000000000000000000012")]
    public void WalletColumnIsGoHexToAddress(string input, string column) =>
        Assert.That(LedgerAddress.WalletColumn(input), Is.EqualTo(column));

    [Test]
    public void AccountIdKeepsNonAddressesAsGiven()
    {
        var sessionId = "0x19be8b535a3ed6f2f3e8e6dfe685c33418ac7c43707170d26cfaa32c7da1b12a";
        Assert.That(LedgerAddress.AccountId(sessionId), Is.EqualTo(sessionId));
        Assert.That(LedgerAddress.AccountId("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), Is.EqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    }

    [Test]
    public void GoTimeFormats()
    {
        var t = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);
        Assert.That(GoTime.Rfc3339(t), Is.EqualTo("2025-03-04T05:06:07Z"));
        Assert.That(GoTime.Rfc3339Nano(t), Is.EqualTo("2025-03-04T05:06:07.123456Z"));
        Assert.That(GoTime.Rfc3339Nano(t.AddTicks(-1234567 + 5_000_000)), Is.EqualTo("2025-03-04T05:06:07.5Z"));
    }
}
