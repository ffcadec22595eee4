using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Configuration;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>
/// Checks the target once before the cases: it answers, its broker, the app-session protocols it accepts, the
/// treasury's balance per mapped asset and channel state, and the clock skew against the node's timestamps.
/// </summary>
public static class PreFlight
{
    /// <summary>Largest skew accepted: half the Go node's 60 s timestamp window (<c>MSG_EXPIRY_TIME</c>).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the checks around opening the treasury (the node and its clock first, so a skewed clock is named instead of
    /// failing the treasury's login), writes <c>preflight.md</c> into the reports directory and returns the open
    /// treasury; throws <see cref="PreFlightFailedException"/> on a problem.
    /// </summary>
    public static async Task<(Treasury Treasury, PreFlightReport Report)> OpenTreasuryAsync(Target target, RunSettings settings, CancellationToken ct)
    {
        var rows = new List<PreFlightRow>
        {
            await ReachableAsync(target, settings, ct).ConfigureAwait(false),
            new("broker address", target.BrokerAddress),
        };
        if (rows.Any(r => r.Problem is not null)) throw Failed(rows, settings);
        Treasury treasury;
        try
        {
            treasury = await Treasury.OpenAsync(target, settings, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or StepFailure or RpcErrorException or Protocol.Auth.AuthFailedException
                                   or TimeoutException or ConnectionClosedException)
        {
            rows.Add(new PreFlightRow("treasury login", $"{target.Treasury.Address} could not log in",
                $"{ex.Message} — NITRO_TARGET__TREASURYKEY must be the private key of a wallet the node accepts"));
            throw Failed(rows, settings);
        }
        try
        {
            rows.Add(await ProtocolsAsync(treasury, ct).ConfigureAwait(false));
            foreach (var (logical, symbol) in settings.Assets.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                var held = treasury.Balance(symbol);
                rows.Add(new PreFlightRow($"treasury balance {logical} → {symbol}", held.ToString(CultureInfo.InvariantCulture)
                    + (held > 0 ? "" : " (cases funding this asset are SKIPPED)")));
            }
            rows.Add(await ChannelsAsync(treasury, ct).ConfigureAwait(false));
            var report = Write(rows, settings);
            return report.Failed ? throw new PreFlightFailedException(report) : (treasury, report);
        }
        catch
        {
            await treasury.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static PreFlightFailedException Failed(List<PreFlightRow> rows, RunSettings settings) => new(Write(rows, settings));

    private static PreFlightReport Write(List<PreFlightRow> rows, RunSettings settings)
    {
        var report = new PreFlightReport(rows);
        Directory.CreateDirectory(settings.ReportsDirectory);
        File.WriteAllText(Path.Combine(settings.ReportsDirectory, "preflight.md"), "# Pre-flight\n\n" + report.ToTable());
        return report;
    }

    private static async Task<PreFlightRow> ReachableAsync(Target target, RunSettings settings, CancellationToken ct)
    {
        try
        {
            await using var client = await ClearNodeClient.ConnectAsync(target.Url, new ClearNodeClientOptions
            {
                ConnectTimeout = TimeSpan.FromMilliseconds(settings.ConnectTimeoutMs),
                RequestTimeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs),
                CloseTimeout = TimeSpan.FromMilliseconds(200),
            }, ct).ConfigureAwait(false);
            var sent = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var pong = await client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], null, ct).ConfigureAwait(false);
            var rtt = watch.Elapsed;
            // The node stamps its answer between our send and receipt: compare with the midpoint.
            var local = sent + rtt / 2;
            var skew = DateTimeOffset.FromUnixTimeMilliseconds((long)pong.Timestamp) - local;
            var text = $"yes ({target.Url}, ping answered in {rtt.TotalMilliseconds:0} ms); clock skew {Signed(skew)} (node minus this machine)";
            return Math.Abs(skew.TotalMilliseconds) <= MaxSkew.TotalMilliseconds
                ? new PreFlightRow("reachable, clock skew", text)
                : new PreFlightRow("reachable, clock skew", text,
                    $"this machine's clock is {Signed(-skew)} off the node's; the node refuses requests older than 60 s — sync the clock (NTP)");
        }
        catch (Exception ex) when (ex is TimeoutException or ConnectionClosedException or RpcErrorException
                                   or System.Net.WebSockets.WebSocketException or HttpRequestException or IOException)
        {
            return new PreFlightRow("reachable, clock skew", $"no ({target.Url})",
                $"{ex.Message} — check the URL (NITRO_TARGET__URL), ws:// vs wss://, the port and the firewall");
        }
    }

    private static string Signed(TimeSpan t) => (t < TimeSpan.Zero ? "-" : "+") + Math.Abs(t.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture) + " ms";

    // A one-participant definition is refused right after the protocol check (Go: app_session_service.go ~l.374-379),
    // so the text tells whether the protocol is accepted without creating anything.
    private static async Task<PreFlightRow> ProtocolsAsync(Treasury treasury, CancellationToken ct)
    {
        var accepted = new List<string>();
        var problems = new List<string>();
        foreach (var protocol in Scenarios.ScenarioVocabulary.AllProtocols)
        {
            var definition = new AppDefinition("clearnode", protocol, [treasury.Address], [100], 100, 0, 1);
            var r = await treasury.RequestAsync(RpcMethods.CreateAppSession, Requests.CreateAppSession(definition, []), ct).ConfigureAwait(false);
            if (r.Error is { } e && e.StartsWith("unsupported protocol", StringComparison.Ordinal)) problems.Add($"{protocol} refused (\"{e}\")");
            else if (r.Error is { } other && !other.Contains("participants", StringComparison.Ordinal)) problems.Add($"{protocol}: unexpected answer \"{other}\"");
            else if (r.Error is null) problems.Add($"{protocol}: a one-participant session was created");
            else accepted.Add(protocol);
        }
        var text = accepted.Count == 0 ? "none" : string.Join(", ", accepted);
        return problems.Count == 0
            ? new PreFlightRow("protocols accepted", text)
            : new PreFlightRow("protocols accepted", text + "; " + string.Join("; ", problems),
                "run only the accepted protocols (--filter \"Category=protocol-0.4\" or protocol-0.2)");
    }

    // Go refuses every transfer from a wallet with a challenged channel or funds in an open/resizing channel
    // (rpc_router_private.go ~l.322-328 → channel_service.go ~l.341-351, rpc_router_private.go ~l.927-935), so funding would fail for every case.
    private static async Task<PreFlightRow> ChannelsAsync(Treasury treasury, CancellationToken ct)
    {
        var p = new JsonObject { ["participant"] = treasury.Address };
        var r = await treasury.RequestAsync(RpcMethods.GetChannels, p, ct).ConfigureAwait(false);
        if (r.Error is { } e) return new PreFlightRow("treasury channels", $"get_channels failed: \"{e}\" (not checked)");
        var channels = (r.Response.Params as JsonObject)?["channels"] as JsonArray ?? [];
        var problems = new List<string>();
        foreach (var c in channels.OfType<JsonObject>())
        {
            var id = JsonMatch.StringField(c, "channel_id") ?? "(no id)";
            var status = JsonMatch.StringField(c, "status") ?? "";
            var amount = c["amount"] is { } raw ? JsonMatch.Amount(raw) : 0m;
            if (status == "challenged")
                problems.Add($"channel {id} is challenged: the node refuses every transfer from the treasury until the challenge is resolved on chain (close or checkpoint the channel), or use another treasury wallet");
            else if (status is "open" or "resizing" && amount != 0)
                problems.Add($"channel {id} ({status}) holds {amount.ToString(CultureInfo.InvariantCulture)} on chain: the node refuses transfers while a channel holds funds; resize it to zero (resize_channel) so the funds move to the unified balance, or close it");
        }
        var text = channels.Count == 0 ? "no channels" : $"{channels.Count} channel(s), " + (problems.Count == 0 ? "none challenged, no on-chain funds" : $"{problems.Count} blocking");
        return new PreFlightRow("treasury channels", text, problems.Count == 0 ? null : string.Join("; ", problems));
    }
}
