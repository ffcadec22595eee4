using NitroConformance.Conformance.Configuration;
using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Starts the embedded reference node (no URL configured) or attaches to a real node.</summary>
public static class TargetFactory
{
    /// <summary>The embedded node's treasury key (a fixed test key; the node is local and throw-away).</summary>
    public static EthKey EmbeddedTreasuryKey { get; } = EthKey.FromSeed("nitro-conformance/embedded-treasury");

    /// <summary>Creates the target for <paramref name="settings"/>; <paramref name="defects"/> only apply to the embedded node.</summary>
    public static async Task<Target> CreateAsync(RunSettings settings, IReadOnlySet<DefectId>? defects = null, CancellationToken ct = default)
    {
        if (settings.Embedded) return await StartEmbeddedAsync(settings, defects ?? new HashSet<DefectId>(), ct).ConfigureAwait(false);
        if (settings.TreasuryKey is null)
            throw new InvalidOperationException("Target:TreasuryKey (NITRO_TARGET__TREASURYKEY) is required for a real node: the suite funds its wallets from that wallet.");
        EthKey treasury;
        try
        {
            treasury = EthKey.FromHex(settings.TreasuryKey);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"Target:TreasuryKey is not a 32-byte hex private key: {ex.Message}", ex);
        }
        var url = new Uri(settings.TargetUrl!);
        var broker = await ReadBrokerAsync(url, settings, ct).ConfigureAwait(false);
        return new Target(settings.TargetName, url, broker, treasury, embedded: false, owner: null);
    }

    /// <summary>Options of the embedded node for <paramref name="settings"/>: the mapped assets, a funded <see cref="EmbeddedTreasuryKey"/>, the defects.</summary>
    public static ReferenceNodeOptions EmbeddedOptions(RunSettings settings, IReadOnlySet<DefectId>? defects = null)
    {
        var symbols = settings.Assets.Values.Distinct().ToList();
        return new ReferenceNodeOptions
        {
            Assets = symbols.Select((s, i) => new NodeAsset(s, s == "usdc" ? 6 : 18, 1337, $"0x{(i + 1).ToString("x40", System.Globalization.CultureInfo.InvariantCulture)}")).ToList(),
            InitialBalances = symbols.Select(s => new InitialBalance(EmbeddedTreasuryKey.Address, s, settings.EmbeddedTreasuryFunds)).ToList(),
            Defects = defects ?? new HashSet<DefectId>(),
        };
    }

    private static async Task<Target> StartEmbeddedAsync(RunSettings settings, IReadOnlySet<DefectId> defects, CancellationToken ct)
    {
        var node = await ReferenceNode.StartAsync(EmbeddedOptions(settings, defects), ct).ConfigureAwait(false);
        var name = defects.Count == 0 ? settings.TargetName : $"{settings.TargetName}+{string.Join("+", defects.Select(d => DefectCatalog.All.First(x => x.Id == d).Key))}";
        return new Target(name, node.Url, node.BrokerAddress, EmbeddedTreasuryKey, embedded: true, owner: node);
    }

    /// <summary>Reads the broker address with <c>get_config</c> (a clear error when the target does not answer).</summary>
    public static async Task<string> ReadBrokerAsync(Uri url, RunSettings settings, CancellationToken ct)
    {
        try
        {
            await using var client = await ClearNodeClient.ConnectAsync(url, new ClearNodeClientOptions
            {
                ConnectTimeout = TimeSpan.FromMilliseconds(settings.ConnectTimeoutMs),
                RequestTimeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs),
            }, ct).ConfigureAwait(false);
            var config = await client.RequestAsync(RpcMethods.GetConfig, Requests.GetConfig(), [], null, ct).ConfigureAwait(false);
            return JsonMatch.StringField(config.Params, "broker_address") is { } b && EthAddress.IsValid(b)
                ? b
                : throw new InvalidOperationException($"get_config from {url} has no valid broker_address: {config.Text}");
        }
        catch (Exception ex) when (ex is TimeoutException or System.Net.WebSockets.WebSocketException or ConnectionClosedException or RpcErrorException or HttpRequestException)
        {
            throw new InvalidOperationException($"Target {url} is not usable: {ex.Message}", ex);
        }
    }
}
