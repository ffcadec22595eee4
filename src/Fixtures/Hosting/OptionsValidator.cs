using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>Rejects unusable <see cref="ReferenceNodeOptions"/> with a message naming the member.</summary>
public static class OptionsValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid member.</summary>
    public static void Validate(ReferenceNodeOptions options)
    {
        try
        {
            _ = EthKey.FromHex(options.BrokerPrivateKey);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"ReferenceNodeOptions.BrokerPrivateKey is not a valid secp256k1 private key: {e.Message}", nameof(options));
        }
        if (!System.Net.IPAddress.TryParse(options.Host, out _))
            throw new ArgumentException($"ReferenceNodeOptions.Host must be an IP address (e.g. 127.0.0.1 or 0.0.0.0), got '{options.Host}'.", nameof(options));
        if (options.Port is < 0 or > 65535)
            throw new ArgumentException($"ReferenceNodeOptions.Port must be 0..65535, got {options.Port}.", nameof(options));
        if (options.MaxFrameBytes < 1024)
            throw new ArgumentException($"ReferenceNodeOptions.MaxFrameBytes must be at least 1024, got {options.MaxFrameBytes}.", nameof(options));
        if (options.OutboundQueueCapacity < 1)
            throw new ArgumentException("ReferenceNodeOptions.OutboundQueueCapacity must be positive.", nameof(options));
        if (options.MaxChallenges < 1)
            throw new ArgumentException("ReferenceNodeOptions.MaxChallenges must be positive.", nameof(options));
        if (options.TimestampWindow <= TimeSpan.Zero)
            throw new ArgumentException("ReferenceNodeOptions.TimestampWindow must be positive.", nameof(options));
        var duplicate = options.Assets.GroupBy(a => (a.Symbol, a.ChainId)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"ReferenceNodeOptions.Assets lists '{duplicate.Key.Symbol}' on chain {duplicate.Key.ChainId} twice.", nameof(options));
        foreach (var a in options.Assets)
        {
            if (string.IsNullOrWhiteSpace(a.Symbol))
                throw new ArgumentException("ReferenceNodeOptions.Assets has an entry without a symbol.", nameof(options));
            if (a.Decimals is < 0 or > 36)
                throw new ArgumentException($"ReferenceNodeOptions.Assets '{a.Symbol}': decimals must be 0..36, got {a.Decimals}.", nameof(options));
        }
        foreach (var b in options.InitialBalances)
        {
            if (b.Amount < 0)
                throw new ArgumentException($"ReferenceNodeOptions.InitialBalances: negative amount {b.Amount} for {b.Wallet}/{b.Asset}.", nameof(options));
        }
    }
}
