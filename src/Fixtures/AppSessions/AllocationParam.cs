using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>One <c>{"participant","asset","amount"}</c> element of an app-session request.</summary>
public sealed record AllocationParam(string Participant, string Asset, decimal Amount)
{
    /// <summary>Decodes the <c>allocations</c> list of <paramref name="p"/> (throws <see cref="ParamDecodeException"/>).</summary>
    public static IReadOnlyList<AllocationParam> ListFrom(ParamReader p) =>
        p.Objects("allocations").Select(a => new AllocationParam(a.String("participant"), a.String("asset"), a.Decimal("amount"))).ToList();

    /// <summary>
    /// The deliberate fix for README Q21: the first (participant, asset) pair listed twice, as an error text; null when none.
    /// </summary>
    public static string? DuplicateError(IReadOnlyList<AllocationParam> allocations)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var a in allocations)
            if (!seen.Add((LedgerAddress.WalletColumn(a.Participant), a.Asset)))
                return $"duplicate allocation for participant {a.Participant} and asset {a.Asset}";
        return null;
    }
}
