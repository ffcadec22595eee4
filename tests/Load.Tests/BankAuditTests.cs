using NitroConformance.Load.Workloads.Bank;

namespace NitroConformance.Load.Tests;

public class BankAuditTests
{
    private const string T = "0xTreasury", A = "0xAaaa", B = "0xBbbb";

    private static BankJournal Journal()
    {
        var j = new BankJournal();
        j.AddFunding(new BankTransfer(1, T, A, 100m), 100m);
        j.AddFunding(new BankTransfer(2, T, B, 100m), 100m);
        j.Accept(new BankTransfer(3, A, B, 0.000001m));
        j.Accept(new BankTransfer(4, B, A, 0.000002m));
        return j;
    }

    private static readonly BankTransfer[] AllListed =
        [new(1, T, A, 100m), new(2, T, B, 100m), new(3, A, B, 0.000001m), new(4, B, A, 0.000002m)];

    private static BankObservation Seen(decimal a, decimal b, IEnumerable<BankTransfer> listed, decimal share = 0m) => new(
        new Dictionary<string, decimal> { [A] = a, [B] = b },
        new Dictionary<(string, string), decimal> { [("0xs1", A)] = share },
        listed.ToList());

    [Test]
    public void A_consistent_ledger_passes_every_check_even_with_rows_repeated_across_pages_and_ids_in_other_case()
    {
        var listed = AllListed.Append(AllListed[2]).Select(t => t with { From = t.From.ToUpperInvariant() });
        var r = BankAuditResult.Compare(Journal(), Seen(99m, 100.5m, listed, share: 0.5m));
        Assert.That(r, Is.EqualTo(new BankAuditResult(200m, 200m, 0, 0, 0, 0, 0, 0)));
    }

    [Test]
    public void Drift_counts_millionths_either_way_and_negatives_include_shares()
    {
        Assert.That(BankAuditResult.Compare(Journal(), Seen(100.000003m, 100m, AllListed)).Drift, Is.EqualTo(3));
        // A total that still adds up does not hide a negative balance or share.
        var r = BankAuditResult.Compare(Journal(), Seen(-1m, 201.5m, AllListed, share: -0.5m));
        Assert.That((r.Drift, r.Negative), Is.EqualTo((0L, 2L)));
    }

    [Test]
    public void Missing_or_altered_rows_are_lost_unknown_rows_are_phantom_and_a_second_id_for_one_movement_is_duplicated()
    {
        BankTransfer[] listed =
        [
            AllListed[0], AllListed[1],
            AllListed[2] with { Amount = 0.00001m },      // id 3 altered: lost, and its row matches nothing: phantom
            new(9, A, T, 1m),                              // nobody sent this: phantom
            new(10, B, A, 0.000002m),                     // id 4's movement again under another id: duplicated
        ];
        var r = BankAuditResult.Compare(Journal(), Seen(100m, 100m, listed));
        Assert.That((r.Lost, r.Phantom, r.Duplicated), Is.EqualTo((2L, 2L, 1L)));
    }

    [Test]
    public void A_transfer_of_unknown_outcome_may_be_listed_once()
    {
        var j = Journal();
        j.Unknown(new BankTransfer(0, A, B, 0.000005m));
        j.Unknown(new BankTransfer(0, B, A, 0.000006m));
        var listed = AllListed.Append(new BankTransfer(11, A, B, 0.000005m)).Append(new BankTransfer(12, A, B, 0.000005m));
        var r = BankAuditResult.Compare(j, Seen(100m, 100m, listed));
        // The first row resolves the unknown transfer, the second has nothing left to match; the other unknown one never landed.
        Assert.That((r.Phantom, r.Unresolved, r.Lost), Is.EqualTo((1L, 1L, 0L)));
    }

    [Test]
    public void An_id_returned_twice_for_different_accepted_transfers_is_duplicated()
    {
        var j = Journal();
        j.Accept(new BankTransfer(3, B, A, 0.000007m));
        Assert.That(BankAuditResult.Compare(j, Seen(100m, 100m, AllListed)).Duplicated, Is.EqualTo(1));
    }
}
