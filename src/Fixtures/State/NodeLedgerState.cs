using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Profiles;

namespace NitroConformance.Fixtures.State;

/// <summary>
/// The reference node's in-memory ledger: rows, ledger transactions, app sessions and channel conditions.
/// Not thread-safe by design: the node calls every handler under one state lock.
/// </summary>
/// <param name="behaviour">
/// Profile choices: the order of grouped balances (Postgres returns <c>GROUP BY</c> rows unordered, ledger.go
/// ~l.128-140, 174-186) and whether ids survive a rollback (Postgres sequences are not rolled back). Null = default.
/// </param>
public sealed class NodeLedgerState(NodeBehaviour? behaviour = null)
{
    private readonly NodeBehaviour _behaviour = behaviour ?? NodeBehaviour.Default;

    /// <summary>The profile choices this ledger (and the handlers over it) follow.</summary>
    public NodeBehaviour Behaviour => _behaviour;
    private readonly List<LedgerEntry> _entries = [];
    private readonly List<LedgerTransaction> _transactions = [];
    private readonly List<AppSessionRecord> _sessions = [];
    private readonly Dictionary<string, ChannelCondition> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _minted = new(StringComparer.Ordinal);
    private long _nextEntryId = 1;
    private long _nextTransactionId = 1;
    private long _nextSessionId = 1;

    /// <summary>Every ledger row in insertion order.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>Every ledger transaction in insertion order.</summary>
    public IReadOnlyList<LedgerTransaction> Transactions => _transactions;

    /// <summary>Every app session in creation order.</summary>
    public IReadOnlyList<AppSessionRecord> AppSessions => _sessions;

    /// <summary>The order of grouped rows (per-asset balances and totals).</summary>
    public MapOrder Order => _behaviour.Order;

    /// <summary>Total seeded per asset (what all rows of that asset must sum to).</summary>
    public IReadOnlyDictionary<string, decimal> Minted => _minted;

    /// <summary>
    /// Seeds <paramref name="amount"/> of <paramref name="asset"/> into <paramref name="wallet"/>'s unified balance
    /// (stands in for the on-chain custody events that fund the Go node). Negative amounts are refused.
    /// </summary>
    public void Credit(string wallet, string asset, decimal amount, DateTimeOffset? at = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(wallet);
        ArgumentException.ThrowIfNullOrEmpty(asset);
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A seeded credit cannot be negative.");
        var stored = LedgerAmount.ToStorage(amount);
        Record(LedgerAddress.AccountId(wallet), wallet, asset, stored, null, at ?? DateTimeOffset.UtcNow);
        _minted[asset] = _minted.GetValueOrDefault(asset) + stored;
    }

    /// <summary>Sets what the node believes about <paramref name="wallet"/>'s on-chain channels (exact wallet string).</summary>
    public void SetChannelCondition(string wallet, ChannelCondition condition) => _channels[wallet] = condition;

    /// <summary>The channel condition recorded for <paramref name="wallet"/> (none → no channels).</summary>
    public ChannelCondition ChannelConditionOf(string wallet) =>
        _channels.GetValueOrDefault(wallet) ?? new ChannelCondition(false, 0, 0m);

    /// <summary>Unified balance of <paramref name="wallet"/> in <paramref name="asset"/>.</summary>
    public decimal UnifiedBalance(string wallet, string asset) =>
        Balance(LedgerAddress.AccountId(wallet), wallet, asset);

    /// <summary>Sum of <paramref name="wallet"/>'s rows under <paramref name="accountId"/> (already normalised) in one asset.</summary>
    public decimal Balance(string accountId, string wallet, string asset)
    {
        var column = LedgerAddress.WalletColumn(wallet);
        var sum = 0m;
        foreach (var e in _entries)
            if (e.AccountId == accountId && e.Wallet == column && e.Asset == asset) sum += e.Net;
        return sum;
    }

    /// <summary>Per-asset sums of <paramref name="wallet"/>'s rows under <paramref name="accountId"/>, assets in first-seen order.</summary>
    public IReadOnlyList<AssetBalance> Balances(string accountId, string wallet)
    {
        var column = LedgerAddress.WalletColumn(wallet);
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in _entries)
        {
            if (e.AccountId != accountId || e.Wallet != column) continue;
            if (!sums.ContainsKey(e.Asset)) order.Add(e.Asset);
            sums[e.Asset] = sums.GetValueOrDefault(e.Asset) + e.Net;
        }
        return Order.Arrange(order.Select(a => new AssetBalance(a, sums[a])));
    }

    /// <summary>A wallet's unified balances (what a <c>bu</c> push carries).</summary>
    public IReadOnlyList<AssetBalance> UnifiedBalances(string wallet) => Balances(LedgerAddress.AccountId(wallet), wallet);

    /// <summary>Per-asset totals of every row under <paramref name="accountId"/> (all wallets), first-seen order, zeros kept.</summary>
    public IReadOnlyList<AssetBalance> AccountTotals(string accountId)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in _entries)
        {
            if (e.AccountId != accountId) continue;
            if (!sums.ContainsKey(e.Asset)) order.Add(e.Asset);
            sums[e.Asset] = sums.GetValueOrDefault(e.Asset) + e.Net;
        }
        return Order.Arrange(order.Select(a => new AssetBalance(a, sums[a])));
    }

    /// <summary>Wallet columns with rows under <paramref name="accountId"/> in <paramref name="asset"/>, first-seen order.</summary>
    public IReadOnlyList<string> WalletsUnder(string accountId, string asset) =>
        _entries.Where(e => e.AccountId == accountId && e.Asset == asset).Select(e => e.Wallet).Distinct().ToList();

    /// <summary>Sum of the debits authorised by <paramref name="sessionKey"/> in <paramref name="asset"/> (its spending-cap usage).</summary>
    public decimal SessionKeyUsage(string sessionKey, string asset)
    {
        var sum = 0m;
        foreach (var e in _entries)
            if (e.SessionKey == sessionKey && e.Asset == asset) sum += e.Debit;
        return sum;
    }

    /// <summary>Writes one row for a signed amount (zero writes nothing), rounding as the database would.</summary>
    public void Record(string accountId, string wallet, string asset, decimal amount, string? sessionKey, DateTimeOffset at)
    {
        var stored = LedgerAmount.ToStorage(amount);
        if (stored == 0m) return;
        _entries.Add(new LedgerEntry(_nextEntryId++, accountId, LedgerAddress.WalletColumn(wallet), asset,
            stored > 0 ? stored : 0m, stored < 0 ? -stored : 0m, sessionKey, at));
    }

    /// <summary>Records a ledger transaction (amount stored as its absolute value) and returns it.</summary>
    public LedgerTransaction RecordTransaction(LedgerTransactionType type, string from, string to, string asset, decimal amount, DateTimeOffset at)
    {
        var tx = new LedgerTransaction(_nextTransactionId++, type, from, to, asset, LedgerAmount.ToStorage(Math.Abs(amount)), at);
        _transactions.Add(tx);
        return tx;
    }

    /// <summary>The session with this exact id, whatever its status, or null.</summary>
    public AppSessionRecord? FindAppSession(string sessionId) => _sessions.FirstOrDefault(s => s.SessionId == sessionId);

    /// <summary>Inserts a new session (caller checked the id is unused).</summary>
    public void AddAppSession(AppSessionRecord session)
    {
        session.Sequence = _nextSessionId++;
        _sessions.Add(session);
    }

    /// <summary>Marks a point to roll back to if the operation that follows fails.</summary>
    public LedgerSavepoint Savepoint() => new(_entries.Count, _transactions.Count, _sessions.Count, _nextEntryId, _nextTransactionId, _nextSessionId);

    /// <summary>
    /// Undoes every row, transaction and session insert made since <paramref name="savepoint"/>. Under the Go profile
    /// the ids they took stay used, so the next ids skip, as Postgres sequences do after a rolled-back transaction.
    /// </summary>
    public void RollbackTo(LedgerSavepoint savepoint)
    {
        _entries.RemoveRange(savepoint.Entries, _entries.Count - savepoint.Entries);
        _transactions.RemoveRange(savepoint.Transactions, _transactions.Count - savepoint.Transactions);
        _sessions.RemoveRange(savepoint.Sessions, _sessions.Count - savepoint.Sessions);
        if (_behaviour.GoFaithful) return;
        _nextEntryId = savepoint.NextEntryId;
        _nextTransactionId = savepoint.NextTransactionId;
        _nextSessionId = savepoint.NextSessionId;
    }

    /// <summary>
    /// Returns the assets whose rows (all accounts, all wallets) do not sum to the seeded total; empty when no value
    /// was created or destroyed.
    /// </summary>
    public IReadOnlyList<string> ConservationViolations()
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var e in _entries) sums[e.Asset] = sums.GetValueOrDefault(e.Asset) + e.Net;
        var assets = sums.Keys.Union(_minted.Keys).Distinct();
        return assets.Where(a => sums.GetValueOrDefault(a) != _minted.GetValueOrDefault(a)).ToList();
    }
}

/// <summary>A position in the ledger to roll back to.</summary>
public readonly record struct LedgerSavepoint(int Entries, int Transactions, int Sessions, long NextEntryId, long NextTransactionId, long NextSessionId);
