using NitroConformance.Fixtures.Params;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Transfers;

/// <summary><c>transfer</c> (clearnode-rpc.md §7): unified balance to unified balance, with replay refusal and caps.</summary>
public sealed class TransferHandler(LedgerContext context)
    : LedgerWriteHandler<TransferHandler.TransferParams>(context, "transfer", "failed to process transfer")
{
    // One cache per handler, and the factory builds one handler per node instance.
    private readonly TransferReplayCache _replays = new(context.Behaviour.ReplayWindow);

    /// <summary>The Go <c>TransferParams</c>.</summary>
    public sealed record TransferParams(string Destination, string DestinationTag, IReadOnlyList<(string Asset, decimal Amount)> Allocations);

    /// <inheritdoc />
    protected override TransferParams Decode(ParamReader p) =>
        new(p.String("destination"), p.String("destination_user_tag"),
            p.Objects("allocations").Select(a => (a.String("asset"), a.Decimal("amount"))).ToList());

    /// <inheritdoc />
    protected override MethodOutcome HandleChecked(RpcCall call, TransferParams parameters)
    {
        var (destination, destinationTag, allocations) = parameters;

        var now = Context.Now;
        if (_replays.Seen(call.RawReq, now))
            return Fail(call, "operation denied: the request has already been processed");
        if (destination == "" && destinationTag == "")
            return Fail(call, "destination or destination_tag must be provided");
        if (destination != "" && !LedgerAddress.IsHexAddress(destination))
            return Fail(call, $"invalid destination account: {destination}");
        if (allocations.Count == 0) return Fail(call, "allocations cannot be empty");

        var caller = call.CallerWallet ?? "";
        if (call.Signatures.Count == 0) return Fail(call, "missing participant signature");
        var signer = RequestSigners.RecoverFirst(call);
        if (signer is null) return Fail(call, "failed to verify signer");
        if ((Context.Keys.WalletFor(signer, now) ?? signer) != caller) return Fail(call, "invalid signature");

        var toTag = destinationTag;
        if (destination == "")
        {
            var wallet = Context.Tags?.WalletForTag(destinationTag);
            if (wallet is null) return Fail(call, $"failed to get wallet by tag: {destinationTag}");
            destination = wallet;
        }
        if (toTag == "") toTag = Context.Tags?.TagForWallet(destination) ?? "";
        if (destination == caller) return Fail(call, "cannot transfer to self");
        var fromTag = Context.Tags?.TagForWallet(caller) ?? "";

        var state = Context.State;
        var savepoint = state.Savepoint();
        var transactions = new JsonArray();
        if (Move(caller, destination, signer == caller ? null : signer, allocations, now, fromTag, toTag, transactions) is { } error)
        {
            state.RollbackTo(savepoint);
            return Fail(call, error);
        }
        _replays.Add(call.RawReq, now);

        var result = new JsonObject { ["transactions"] = transactions };
        var pushes = new List<Notification>
        {
            BalanceNotifications.For(state, caller),
            new(caller, "tr", result.DeepClone()),
            BalanceNotifications.For(state, destination),
            new(destination, "tr", result.DeepClone()),
        };
        return BalancePushOutcomes.Ok(Context, call, result, pushes);
    }

    private string? Move(string from, string to, string? sessionKey, IReadOnlyList<(string Asset, decimal Amount)> allocations,
        DateTimeOffset now, string fromTag, string toTag, JsonArray transactions)
    {
        var state = Context.State;
        if (ChannelRules.Check(state, from) is { } channelError) return channelError;
        var fromAccount = LedgerAddress.AccountId(from);
        var toAccount = LedgerAddress.AccountId(to);
        foreach (var (asset, amount) in allocations)
        {
            if (amount <= 0m) return $"invalid allocation: {GoDecimal.Format(amount)} for asset {asset}";
            if (sessionKey is not null)
            {
                var key = SessionKeyRules.FindActive(Context, sessionKey, now, out var cause);
                if (key is null) return $"session key validation failed: {cause}";
                if (SessionKeyRules.SpendingDenied(Context, key, asset, amount) is { } denied)
                    return $"session key spending validation failed: {denied}";
            }
            var fromBalance = state.Balance(fromAccount, from, asset);
            if (amount > fromBalance) return $"insufficient funds: {from} for asset {asset}";
            if (Context.Has(DefectId.NonAtomicBalanceUpdate))
            {
                NonAtomicBalanceWrite.Apply(Context, (fromAccount, from), (toAccount, to), asset, amount, fromBalance, sessionKey, now);
            }
            else
            {
                state.Record(fromAccount, from, asset, -amount, sessionKey, now);
                state.Record(toAccount, to, asset, amount, null, now);
            }
            var tx = state.RecordTransaction(LedgerTransactionType.Transfer, fromAccount, toAccount, asset, amount, now);
            // The Go handler answers with the struct it just inserted, not the stored row (rpc_router_private.go ~l.360-378).
            transactions.Add(Context.Behaviour.GoFaithful
                ? TransactionJson.AsInserted(tx, amount, now, fromTag, toTag)
                : TransactionJson.From(tx, fromTag, toTag));
        }
        return null;
    }
}
