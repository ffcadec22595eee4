using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>The intent rules of <c>submit_app_state</c> (app-sessions.md §5.3–§5.5); each returns an error text or null.</summary>
public sealed class AppStateUpdate(LedgerContext context, AppSessionRecord session, SignerSet signers, DateTimeOffset now)
{
    private readonly NodeLedgerState _state = context.State;
    private readonly List<string> _balanceChanged = [];

    /// <summary>Participants whose unified balance moved (they get a <c>bu</c>), first-change order.</summary>
    public IReadOnlyList<string> BalanceChanged => _balanceChanged;

    /// <summary>§5.3: set shares to the listed amounts; the listed sum per asset must equal the session total.</summary>
    public string? Operate(IReadOnlyList<AllocationParam> allocations)
    {
        var totals = _state.AccountTotals(session.SessionId);
        var listed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var alloc in allocations)
        {
            if (alloc.Amount < 0m && !context.Has(DefectId.NegativeAmountsAccepted))
                return $"negative allocation: {GoDecimal.Format(alloc.Amount)} for asset {alloc.Asset}";
            if (!session.IsParticipant(alloc.Participant)) return $"allocation to non-participant {alloc.Participant}";
            var share = _state.Balance(session.SessionId, alloc.Participant, alloc.Asset);
            _state.Record(session.SessionId, alloc.Participant, alloc.Asset, alloc.Amount - share, null, now);
            listed[alloc.Asset] = listed.GetValueOrDefault(alloc.Asset) + alloc.Amount;
        }
        if (!context.Has(DefectId.OmittedParticipantKeepsShare))
            Conservation.ZeroOmittedShares(_state, session.SessionId, allocations, now);
        if (!context.Has(DefectId.SkipOperateSumCheck) && Conservation.Verify(totals, listed, _state.Order) is { } error)
            return $"incorrect operate request: non-zero allocations sum delta: {error}";
        return null;
    }

    /// <summary>§5.4: only increases, each funded from the depositor's unified balance with its signature.</summary>
    public string? Deposit(IReadOnlyList<AllocationParam> allocations)
    {
        var current = CurrentShares();
        foreach (var alloc in allocations)
        {
            if (alloc.Amount < Current(current, alloc) && !context.Has(DefectId.DepositMayDecrease))
                return $"incorrect deposit request: decreased allocation for participant {alloc.Participant}";
        }

        var changed = false;
        foreach (var alloc in allocations)
        {
            var cur = Current(current, alloc);
            if (alloc.Amount > cur)
            {
                if (FundDeposit(alloc, alloc.Amount - cur) is { } error) return error;
                changed = true;
            }
            else if (alloc.Amount < cur)
            {
                // Only reachable with DepositMayDecrease: the decrease is paid back like a withdrawal.
                if (alloc.Amount < 0m) return $"negative allocation: {GoDecimal.Format(alloc.Amount)} for asset {alloc.Asset}";
                if (!session.IsParticipant(alloc.Participant)) return $"allocation to non-participant {alloc.Participant}";
                MoveToUnified(alloc, cur - alloc.Amount);
                changed = true;
            }
        }
        return changed ? null : "incorrect deposit request: non-positive allocations sum delta";
    }

    /// <summary>§5.5: only decreases, each paid to the participant's own unified balance; quorum suffices.</summary>
    public string? Withdraw(IReadOnlyList<AllocationParam> allocations)
    {
        var current = CurrentShares();
        foreach (var alloc in allocations)
        {
            if (alloc.Amount > Current(current, alloc) && !context.Has(DefectId.WithdrawMayIncrease))
                return $"incorrect withdrawal request: increased allocation for participant {alloc.Participant}";
        }

        var changed = false;
        foreach (var alloc in allocations)
        {
            if (alloc.Amount < 0m && !context.Has(DefectId.NegativeAmountsAccepted))
                return $"negative allocation: {GoDecimal.Format(alloc.Amount)} for asset {alloc.Asset}";
            var cur = Current(current, alloc);
            if (alloc.Amount == cur) continue;
            if (!session.IsParticipant(alloc.Participant)) return $"allocation to non-participant {alloc.Participant}";
            if (alloc.Amount < cur)
            {
                MoveToUnified(alloc, cur - alloc.Amount);
            }
            else
            {
                // Only reachable with WithdrawMayIncrease: the increase is taken from the unified balance unchecked.
                var unified = LedgerAddress.AccountId(alloc.Participant);
                var delta = alloc.Amount - cur;
                _state.Record(unified, alloc.Participant, alloc.Asset, -delta, null, now);
                _state.Record(session.SessionId, alloc.Participant, alloc.Asset, delta, null, now);
                _state.RecordTransaction(LedgerTransactionType.AppDeposit, unified, session.SessionId, alloc.Asset, delta, now);
                MarkChanged(alloc.Participant);
            }
            changed = true;
        }
        return changed ? null : "incorrect withdrawal request: non-negative allocations sum delta";
    }

    // D2a–D2g for one increase.
    private string? FundDeposit(AllocationParam alloc, decimal delta)
    {
        if (!session.IsParticipant(alloc.Participant)) return $"allocation to non-participant {alloc.Participant}";
        if (ChannelRules.Check(_state, alloc.Participant) is { } channelError) return channelError;
        var signed = signers.Signed(alloc.Participant, out var viaKey);
        if (!signed && !context.Has(DefectId.DepositWithoutDepositorSignature))
            return "incorrect deposit request: depositor signature is required";
        var unified = LedgerAddress.AccountId(alloc.Participant);
        if (delta > _state.Balance(unified, alloc.Participant, alloc.Asset))
            return "incorrect deposit request: insufficient unified balance";
        if (viaKey is not null && SessionKeyRules.ValidateFunding(context, viaKey, session.Application, alloc.Asset, delta, now) is { } keyError)
            return keyError;
        _state.Record(unified, alloc.Participant, alloc.Asset, -delta, viaKey, now);
        _state.Record(session.SessionId, alloc.Participant, alloc.Asset, delta, null, now);
        _state.RecordTransaction(LedgerTransactionType.AppDeposit, unified, session.SessionId, alloc.Asset, delta, now);
        MarkChanged(alloc.Participant);
        return null;
    }

    private void MoveToUnified(AllocationParam alloc, decimal amount)
    {
        var unified = LedgerAddress.AccountId(alloc.Participant);
        _state.Record(session.SessionId, alloc.Participant, alloc.Asset, -amount, null, now);
        _state.Record(unified, alloc.Participant, alloc.Asset, amount, null, now);
        _state.RecordTransaction(LedgerTransactionType.AppWithdrawal, session.SessionId, unified, alloc.Asset, amount, now);
        MarkChanged(alloc.Participant);
    }

    private void MarkChanged(string participant)
    {
        if (!_balanceChanged.Contains(participant, StringComparer.Ordinal)) _balanceChanged.Add(participant);
    }

    // Non-zero shares of the session's participants before the update, keyed by participant string as defined.
    private Dictionary<(string, string), decimal> CurrentShares()
    {
        var shares = new Dictionary<(string, string), decimal>();
        foreach (var participant in session.Participants)
            foreach (var share in _state.Balances(session.SessionId, participant))
                if (share.Amount != 0m) shares[(participant, share.Asset)] = share.Amount;
        return shares;
    }

    private static decimal Current(Dictionary<(string, string), decimal> shares, AllocationParam alloc) =>
        shares.GetValueOrDefault((alloc.Participant, alloc.Asset));
}
