using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Protocol.Auth;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The treasury wallet's connection: funds case wallets by <c>transfer</c> and refuses what it cannot cover.</summary>
public sealed class Treasury : IAsyncDisposable
{
    private readonly CaseConnection _connection;
    private readonly Dictionary<string, decimal> _available;
    private readonly Dictionary<string, decimal> _opening;
    private readonly RunSettings _settings;
    private readonly EthKey _key;

    private Treasury(CaseConnection connection, Dictionary<string, decimal> available, RunSettings settings, EthKey key)
    {
        _connection = connection;
        _available = available;
        _opening = new Dictionary<string, decimal>(available);
        _settings = settings;
        _key = key;
    }

    /// <summary>The treasury address.</summary>
    public string Address => _key.Address;

    /// <summary>Connects and authenticates the treasury and reads its balances.</summary>
    public static async Task<Treasury> OpenAsync(Target target, RunSettings settings, CancellationToken ct)
    {
        // The treasury is infrastructure, not under test: it does not verify broker signatures, so a node that signs
        // wrongly is reported by the cases (which do verify) instead of failing the whole run at start-up.
        var conn = await CaseConnection.OpenAsync("treasury", target.Url, broker: null, settings.ConnectTimeoutMs, settings.RequestTimeoutMs,
            target.AuthRequests, ct).ConfigureAwait(false);
        try
        {
            var sessionKey = EthKey.FromSeed($"{settings.Seed}/{target.RunId}/treasury/key");
            target.AuthRequests.Add(RpcMethods.AuthRequest);
            await AuthFlow.AuthenticateAsync(conn.Client, target.Treasury,
                new AuthOptions(sessionKey.Address, "clearnode", "", [], (ulong)DateTimeOffset.UtcNow.AddHours(6).ToUnixTimeSeconds()),
                TimeSpan.FromMilliseconds(settings.RequestTimeoutMs), ct).ConfigureAwait(false);
            var balances = await conn.SendAsync(RpcMethods.GetLedgerBalances, new JsonObject(), [], 0, TimeSpan.FromMilliseconds(settings.RequestTimeoutMs), ct).ConfigureAwait(false);
            if (!balances.Succeeded) throw new InvalidOperationException($"get_ledger_balances for the treasury failed: {balances.Error}");
            return new Treasury(conn, ReadBalances(balances.Response.Params), settings, target.Treasury);
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The treasury's unified balance of <paramref name="symbol"/> when the run started.</summary>
    public decimal Balance(string symbol) => _opening.GetValueOrDefault(symbol);

    /// <summary>Sends a request signed by the treasury on its authenticated connection (pre-flight probes).</summary>
    public Task<RpcOutcome> RequestAsync(string method, JsonNode parameters, CancellationToken ct) =>
        _connection.SendAsync(method, parameters, [_key], 0, TimeSpan.FromMilliseconds(_settings.RequestTimeoutMs), ct);

    /// <summary>Parses a <c>get_ledger_balances</c> result into symbol → amount.</summary>
    public static Dictionary<string, decimal> ReadBalances(JsonNode? result)
    {
        var map = new Dictionary<string, decimal>();
        if (result is JsonObject o && o["ledger_balances"] is JsonArray arr)
            foreach (var e in arr.OfType<JsonObject>())
                if (e["asset"]?.GetValue<string>() is { } asset)
                    map[asset] = map.GetValueOrDefault(asset) + JsonMatch.Amount(e["amount"]);
        return map;
    }

    /// <summary>Reserves target-symbol amounts; returns null when all are covered, else the reason the case must be skipped.</summary>
    public string? TryReserve(IReadOnlyDictionary<string, decimal> needs)
    {
        lock (_available)
        {
            foreach (var (asset, amount) in needs)
                if (_available.GetValueOrDefault(asset) < amount)
                    return $"the treasury holds {_available.GetValueOrDefault(asset).ToString(CultureInfo.InvariantCulture)} {asset} but the case needs {amount.ToString(CultureInfo.InvariantCulture)}";
            foreach (var (asset, amount) in needs) _available[asset] -= amount;
            return null;
        }
    }

    /// <summary>Returns amounts to the available pool (after a sweep).</summary>
    public void Release(IReadOnlyDictionary<string, decimal> amounts)
    {
        lock (_available)
            foreach (var (asset, amount) in amounts) _available[asset] = _available.GetValueOrDefault(asset) + amount;
    }

    /// <summary>Transfers <paramref name="amounts"/> (target symbols) to <paramref name="destination"/>; throws with the error text on refusal.</summary>
    public async Task FundAsync(string destination, IReadOnlyDictionary<string, decimal> amounts, CancellationToken ct)
    {
        var allocations = amounts.Where(a => a.Value > 0)
            .Select(a => new TransferAllocation(a.Key, a.Value.ToString(CultureInfo.InvariantCulture))).ToList();
        if (allocations.Count == 0) return;
        var result = await _connection.SendAsync(RpcMethods.Transfer, Requests.Transfer(destination, allocations), [_key], 0,
            TimeSpan.FromMilliseconds(_settings.RequestTimeoutMs), ct).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new StepFailure(Outcomes.Outcome.Failed, $"funding {destination} from the treasury failed: {result.Error}");
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
