using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads.Bank;

/// <summary>
/// Bank workload (Jepsen's bank test on the unified ledger): wallets funded once from the treasury transfer to random
/// peers from many connections at once while app sessions are opened, operated and closed among them; after the run the
/// audit reads every balance, session share and listed transfer and counts drift, negatives, lost and phantom transactions.
/// </summary>
public sealed class BankScenario(Uri target, BankOptions options) : ILoadScenario, IRunAudit
{
    /// <summary>Transfer latency (the headline).</summary>
    public const string TransferMetric = "bank.transfer";
    /// <summary>Latency of one session step (create, operate or close).</summary>
    public const string SessionMetric = "bank.session";

    private readonly List<AuthenticatedConnection> _wallets = [];
    private readonly List<BankSessionSlot> _slots = [];
    private readonly BankJournal _journal = new();
    private readonly string _runTag = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    private readonly ulong _nonceBase = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private AuthenticatedConnection? _treasury;
    private long _amountSeq, _nonce, _inFlight, _iterations;
    private BankAuditResult? _audit;
    private string? _sweep;

    /// <inheritdoc/>
    public string Name => "bank";
    /// <inheritdoc/>
    public string HeadlineMetric => TransferMetric;
    /// <summary>Counters the audit sets (plus the count of requests without an answer).</summary>
    public static IReadOnlyList<string> AuditCounters { get; } =
        ["ledger_drift", "negative_balances", "lost_transactions", "phantom_transactions", "duplicated_transactions", "bank_transfers_accepted", "bank_sessions", "bank_unknown_outcome"];

    /// <inheritdoc/>
    public IReadOnlyList<MetricDeclaration> Metrics =>
        [MetricDeclaration.Latency(TransferMetric), MetricDeclaration.Latency(SessionMetric), .. AuditCounters.Select(MetricDeclaration.Counter)];

    /// <inheritdoc/>
    public string SigningMode => $"inline: each request signed in its iteration with the {Secp256k1.Default.Name} signer (amounts are unique per request, so nothing is signed ahead); latency includes the signing";

    /// <inheritdoc/>
    public async Task InitAsync(CancellationToken ct)
    {
        options.Validate();
        var treasuryKey = BankOptions.Treasury();
        _treasury = await AuthenticatedConnection.OpenAsync(target, treasuryKey, null, options.Timeout, ct).ConfigureAwait(false);
        // Fresh wallets per run: on a long-lived node their balances start at zero.
        var opened = await Task.WhenAll(Enumerable.Range(0, options.Wallets).Select(i =>
            AuthenticatedConnection.OpenAsync(target, EthKey.FromSeed($"nitro-load/bank/{_runTag}/w{i}"), null, options.Timeout, ct))).ConfigureAwait(false);
        _wallets.AddRange(opened);
        for (var s = 0; s < options.SessionSlots; s++) _slots.Add(new BankSessionSlot());
        var setupTimeout = AuthenticatedConnection.SetupTimeout(options.Timeout);
        foreach (var w in _wallets)
        {
            RpcFrame reply;
            try
            {
                reply = await _treasury.Client.RequestAsync(RpcMethods.Transfer, Requests.Transfer(w.Wallet.Address, [new TransferAllocation(BankOptions.Asset, Text(options.Funding))]),
                    [treasuryKey], setupTimeout, ct).ConfigureAwait(false);
            }
            catch (RpcErrorException e)
            {
                throw new InvalidOperationException($"bank: the treasury {treasuryKey.Address} could not fund {w.Wallet.Address} with {Text(options.Funding)} {BankOptions.Asset}: {e.ErrorText} (set {BankOptions.TreasuryKeyVariable} to a funded wallet's key)", e);
            }
            foreach (var tx in Transactions(reply)) _journal.AddFunding(tx, tx.Amount);
        }
    }

    /// <inheritdoc/>
    public Task RunIterationAsync(IterationContext ctx)
    {
        // Own count, not ctx.Number: inside a soak mix this workload sees only some iteration numbers.
        var n = Interlocked.Increment(ref _iterations) - 1;
        if (_slots.Count > 0 && n % options.SessionEvery == 0)
        {
            var slot = _slots[(int)(n / options.SessionEvery % _slots.Count)];
            if (slot.TryEnter()) return SessionStepAsync(ctx, slot);
        }
        return TransferAsync(ctx);
    }

    private async Task TransferAsync(IterationContext ctx)
    {
        var from = Random.Shared.Next(_wallets.Count);
        var to = (from + 1 + Random.Shared.Next(_wallets.Count - 1)) % _wallets.Count;
        var sender = _wallets[from];
        var receiver = _wallets[to].Wallet.Address;
        var amount = NextAmount();
        var request = RpcFrames.SignRequest(sender.Client.CreateRequest(RpcMethods.Transfer,
            Requests.Transfer(receiver, [new TransferAllocation(BankOptions.Asset, Text(amount))])), [sender.Wallet]);
        var intent = new BankTransfer(0, sender.Wallet.Address, receiver, amount);
        var (reply, unknown) = await SendAsync(ctx, TransferMetric, sender, request).ConfigureAwait(false);
        if (unknown) _journal.Unknown(intent);
        else if (reply is not null) foreach (var tx in Transactions(reply)) _journal.Accept(tx);
    }

    private async Task SessionStepAsync(IterationContext ctx, BankSessionSlot slot)
    {
        try
        {
            if (slot.SessionId is null) await CreateAsync(ctx, slot).ConfigureAwait(false);
            else if (slot.Operates < options.Operates) await OperateAsync(ctx, slot).ConfigureAwait(false);
            else await CloseAsync(ctx, slot).ConfigureAwait(false);
        }
        finally
        {
            slot.Exit();
        }
    }

    private async Task CreateAsync(IterationContext ctx, BankSessionSlot slot)
    {
        var a = Random.Shared.Next(_wallets.Count);
        var b = (a + 1 + Random.Shared.Next(_wallets.Count - 1)) % _wallets.Count;
        var (wa, wb) = (_wallets[a], _wallets[b]);
        var definition = new AppDefinition("nitro-load-bank", "NitroRPC/0.4", [wa.Wallet.Address, wb.Wallet.Address], [1, 1], 1, 86400,
            _nonceBase + (ulong)Interlocked.Increment(ref _nonce));
        var id = AppSessionId.Compute(definition);
        var share = Text(options.SessionShare);
        // Both deposit, so both sign the create.
        var request = RpcFrames.SignRequest(wa.Client.CreateRequest(RpcMethods.CreateAppSession, Requests.CreateAppSession(definition,
            [new AppAllocation(wa.Wallet.Address, BankOptions.Asset, share), new AppAllocation(wb.Wallet.Address, BankOptions.Asset, share)])), [wa.Wallet, wb.Wallet]);
        _journal.SessionAttempted(id, [wa.Wallet.Address, wb.Wallet.Address]);
        if ((await SendAsync(ctx, SessionMetric, wa, request).ConfigureAwait(false)).Reply is null) return;
        slot.SessionId = id;
        slot.Members = (a, b);
        slot.Shares = (options.SessionShare, options.SessionShare);
        slot.Version = 1;
    }

    private async Task OperateAsync(IterationContext ctx, BankSessionSlot slot)
    {
        // Move a unique small amount between the two shares, towards whichever side can pay it.
        var delta = NextAmount();
        var (sa, sb) = slot.Shares;
        var next = sa >= delta ? (sa - delta, sb + delta) : (sa + Math.Min(delta, sb), sb - Math.Min(delta, sb));
        var version = slot.Version + 1;
        var signer = _wallets[slot.Members.A];
        var request = RpcFrames.SignRequest(signer.Client.CreateRequest(RpcMethods.SubmitAppState,
            Requests.SubmitAppState(slot.SessionId!, "operate", version, Allocations(slot, next))), [signer.Wallet]);
        if ((await SendAsync(ctx, SessionMetric, signer, request).ConfigureAwait(false)).Reply is null)
        {
            slot.Reset();
            return;
        }
        slot.Shares = next;
        slot.Version = version;
        slot.Operates++;
    }

    private async Task CloseAsync(IterationContext ctx, BankSessionSlot slot)
    {
        var signer = _wallets[slot.Members.A];
        var request = RpcFrames.SignRequest(signer.Client.CreateRequest(RpcMethods.CloseAppSession,
            Requests.CloseAppSession(slot.SessionId!, Allocations(slot, slot.Shares))), [signer.Wallet]);
        await SendAsync(ctx, SessionMetric, signer, request).ConfigureAwait(false);
        slot.Reset();
    }

    private AppAllocation[] Allocations(BankSessionSlot slot, (decimal A, decimal B) shares) =>
    [
        new(_wallets[slot.Members.A].Wallet.Address, BankOptions.Asset, Text(shares.A)),
        new(_wallets[slot.Members.B].Wallet.Address, BankOptions.Asset, Text(shares.B)),
    ];

    // The reply, or null with Unknown = false when the node refused (error recorded), or null with Unknown = true when no answer came.
    private async Task<(RpcFrame? Reply, bool Unknown)> SendAsync(IterationContext ctx, string metric, AuthenticatedConnection conn, SignedRequest request)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var reply = await conn.Client.SendSignedAsync(request, options.Timeout, ctx.Token).ConfigureAwait(false);
            ctx.Record(metric, reply.ReceivedTimestamp);
            return (reply, false);
        }
        catch (RpcErrorException e)
        {
            ctx.RecordError(metric, e.ErrorText);
            return (null, false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or ConnectionClosedException)
        {
            ctx.RecordError(metric, e is TimeoutException ? "timeout" : "no answer (cancelled or connection closed)");
            ctx.Count("bank_unknown_outcome");
            return (null, true);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    // Unique per request (in millionths), so a listed transaction identifies its request even without an id.
    private decimal NextAmount() => Interlocked.Increment(ref _amountSeq) * BankAuditResult.DriftUnit;

    private static string Text(decimal amount) => amount.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The transactions of a <c>transfer</c> reply or a <c>get_ledger_transactions</c> page.</summary>
    public static IEnumerable<BankTransfer> Transactions(RpcFrame reply)
    {
        var list = reply.Params?["transactions"] ?? reply.Params?["ledger_transactions"];
        if (list is not JsonArray array) yield break;
        foreach (var node in array)
        {
            if (node is not JsonObject o) continue;
            var amountText = o["amount"]?.ToString() ?? "";
            yield return new BankTransfer(
                o["id"] is JsonValue v && v.TryGetValue<ulong>(out var id) ? id : 0,
                o["from_account"]?.ToString() ?? "", o["to_account"]?.ToString() ?? "",
                decimal.TryParse(amountText, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) ? amount : decimal.MinusOne);
        }
    }

    /// <summary>Wait for each audit read: a node that fell behind under load first works off its queue.</summary>
    public static readonly TimeSpan AuditTimeout = TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    public async Task AuditAsync(MetricRegistry metrics, CancellationToken ct)
    {
        // Quiesce: every request of ours answered or given up, then one request per connection answered, so that what
        // the node still had queued from us (given up here, not there) is applied before anything is read.
        var deadline = DateTime.UtcNow + options.Timeout + TimeSpan.FromSeconds(1);
        while (Interlocked.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline) await Task.Delay(10, ct).ConfigureAwait(false);
        var reader = new BankLedgerReader(_wallets, BankOptions.Asset, AuditTimeout);
        await reader.BarrierAsync(ct).ConfigureAwait(false);
        _audit = await reader.AuditAsync(_journal, ct).ConfigureAwait(false);
        await SweepAsync(reader, ct).ConfigureAwait(false);
        metrics.Increment("ledger_drift", _audit.Drift);
        metrics.Increment("negative_balances", _audit.Negative);
        metrics.Increment("lost_transactions", _audit.Lost);
        metrics.Increment("phantom_transactions", _audit.Phantom);
        metrics.Increment("duplicated_transactions", _audit.Duplicated);
        metrics.Increment("bank_transfers_accepted", _journal.Accepted.Count - _wallets.Count);
        metrics.Increment("bank_sessions", _journal.Sessions.Count);
    }

    // After the audit, each wallet sends what it holds back to the treasury, so runs against a long-lived node do not drain
    // it (shares of sessions left open stay where they are). Best effort: a refusal is noted, not fatal.
    private async Task SweepAsync(BankLedgerReader reader, CancellationToken ct)
    {
        var (swept, refused) = (0m, 0);
        foreach (var w in _wallets)
        {
            var balance = await reader.BalanceAsync(w, null, ct).ConfigureAwait(false);
            if (balance <= 0) continue;
            try
            {
                await w.Client.RequestAsync(RpcMethods.Transfer, Requests.Transfer(_treasury!.Wallet.Address, [new TransferAllocation(BankOptions.Asset, Text(balance))]),
                    [w.Wallet], AuditTimeout, ct).ConfigureAwait(false);
                swept += balance;
            }
            catch (RpcErrorException)
            {
                refused++;
            }
        }
        _sweep = $"{Text(swept)} {BankOptions.Asset} sent back to the treasury" + (refused > 0 ? $"; {refused} wallets refused" : "");
    }

    /// <inheritdoc/>
    public ScenarioExtras Extras()
    {
        var notes = new Dictionary<string, string>
        {
            ["wallets"] = options.Wallets.ToString(CultureInfo.InvariantCulture),
            ["session_slots"] = options.SessionSlots.ToString(CultureInfo.InvariantCulture),
            ["funding_per_wallet"] = $"{Text(options.Funding)} {BankOptions.Asset}",
            ["ledger_drift_unit"] = $"{Text(BankAuditResult.DriftUnit)} {BankOptions.Asset}",
        };
        if (_audit is { } a)
        {
            notes["bank_total"] = $"expected {a.Expected.ToString(CultureInfo.InvariantCulture)}, observed {a.Observed.ToString(CultureInfo.InvariantCulture)} {BankOptions.Asset} (balances + session shares)";
            notes["bank_unknown_unapplied"] = $"{a.Unresolved} of {_journal.Indeterminate.Count} transfers of unknown outcome are not in the ledger";
            notes["bank_sweep"] = _sweep ?? "not run";
        }
        return new ScenarioExtras(null, notes);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var w in _wallets) await w.DisposeAsync().ConfigureAwait(false);
        if (_treasury is not null) await _treasury.DisposeAsync().ConfigureAwait(false);
    }
}
