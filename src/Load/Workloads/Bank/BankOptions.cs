using System.Globalization;
using NitroConformance.Load.Profiles;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Load.Workloads.Bank;

/// <summary>Parameters of the bank workload.</summary>
/// <param name="Wallets">Wallets funded once from the treasury, each on its own connection.</param>
/// <param name="SessionSlots">App sessions that may be open at once (0 = transfers only).</param>
/// <param name="SessionEvery">Every n-th iteration advances a session (create, operate, close) instead of transferring, when a slot is free.</param>
/// <param name="Operates">Operate submits per session between create and close.</param>
/// <param name="Funding">What the treasury transfers to each wallet.</param>
/// <param name="SessionShare">What each of a session's two participants deposits at create.</param>
/// <param name="Timeout">Per request wait; a request without an answer is of unknown outcome.</param>
public sealed record BankOptions(int Wallets, int SessionSlots, int SessionEvery, int Operates, decimal Funding, decimal SessionShare, TimeSpan Timeout)
{
    /// <summary>Asset moved (the one the embedded node and the other workloads use).</summary>
    public const string Asset = "usdc";

    /// <summary>Binds <c>params</c> (wallets, session_slots, session_every, operates, funding, session_share), strictly.</summary>
    public static BankOptions Bind(LoadProfile profile)
    {
        var p = new ParamBinder(profile);
        var options = new BankOptions(
            p.Int("wallets", 8, min: 2), p.Int("session_slots", 2), p.Int("session_every", 5, min: 1), p.Int("operates", 2),
            Amount(p.Number("funding", 100)), Amount(p.Number("session_share", 1)), profile.Timeout);
        p.Bind(options);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{profile.Source}: {e.Message}", e);
        }
        return options;
    }

    // Millionths are the smallest unit of a 6-decimal asset.
    private static decimal Amount(double value) => Math.Round((decimal)value, 6);

    /// <summary>Environment variable with the private key of a funded treasury wallet (for a node other than the embedded one); the conformance suite's.</summary>
    public const string TreasuryKeyVariable = "NITRO_TARGET__TREASURYKEY";

    /// <summary>The treasury: <see cref="TreasuryKeyVariable"/> when set, else a fixed key the embedded node credits.</summary>
    public static EthKey Treasury() =>
        Environment.GetEnvironmentVariable(TreasuryKeyVariable) is { Length: > 0 } hex ? EthKey.FromHex(hex) : EthKey.FromSeed("nitro-load/bank/treasury");

    /// <summary>What the embedded node credits the treasury with: the funding of every wallet.</summary>
    public decimal TreasuryNeeds => Wallets * Funding;

    /// <summary>Throws on values the workload cannot run with, naming the parameter.</summary>
    public void Validate()
    {
        if (Wallets < 2) throw new ArgumentException("params.wallets: at least 2 (transfers go between two wallets)");
        if (SessionEvery < 1) throw new ArgumentException("params.session_every: at least 1");
        if (Funding <= 0) throw new ArgumentException($"params.funding: '{Funding.ToString(CultureInfo.InvariantCulture)}' must be positive");
        if (SessionShare <= 0 || SessionShare * 4 > Funding)
            throw new ArgumentException($"params.session_share: '{SessionShare.ToString(CultureInfo.InvariantCulture)}' must be positive and at most a quarter of funding");
    }
}
