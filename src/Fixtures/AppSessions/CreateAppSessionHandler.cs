using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>create_app_session</c> (app-sessions.md §4): validation A1–A6, funding B0–B7, insert C.</summary>
public sealed class CreateAppSessionHandler(LedgerContext context)
    : LedgerWriteHandler<CreateAppSessionHandler.CreateParams>(context, "create_app_session", "failed to create application session")
{
    /// <summary>The Go <c>CreateAppSessionParams</c>.</summary>
    public sealed record CreateParams(AppDefinition Definition, IReadOnlyList<AllocationParam> Allocations, string? SessionData);

    /// <inheritdoc />
    protected override CreateParams Decode(ParamReader p)
    {
        var d = p.Object("definition");
        var definition = new AppDefinition(d.String("application"), d.String("protocol"), d.Strings("participants"),
            d.Int64s("weights"), d.UInt64("quorum"), d.UInt64("challenge"), d.UInt64("nonce"));
        return new CreateParams(definition, AllocationParam.ListFrom(p), p.OptionalString("session_data"));
    }

    /// <inheritdoc />
    protected override MethodOutcome HandleChecked(RpcCall call, CreateParams parameters)
    {
        var (definition, allocations, sessionData) = parameters;

        var now = Context.Now;
        var signers = SignerSet.Recover(Context, call, now);
        if (signers is null) return Fail(call, "failed to get signers from RPC message");

        if (ValidateDefinition(definition) is { } definitionError) return Fail(call, definitionError);

        var sessionId = AppSessionId.Compute(definition);
        var state = Context.State;
        var savepoint = state.Savepoint();
        var funded = new List<string>();
        foreach (var alloc in allocations)
        {
            if (Fund(alloc, definition.Application, sessionId, signers, now) is { } error)
            {
                state.RollbackTo(savepoint);
                return Fail(call, error);
            }
            if (alloc.Amount != 0m && !funded.Contains(alloc.Participant, StringComparer.Ordinal)) funded.Add(alloc.Participant);
        }

        // Postgres stores weights as 32-bit integers; a duplicate id violates the unique key. Both fail the insert.
        if (state.FindAppSession(sessionId) is not null || definition.Weights.Any(w => w is < int.MinValue or > int.MaxValue))
        {
            state.RollbackTo(savepoint);
            return Fail(call, "failed to create application session");
        }

        var stamp = GoTime.ToStorage(now);
        state.AddAppSession(new AppSessionRecord
        {
            SessionId = sessionId,
            Application = definition.Application,
            Protocol = definition.Protocol,
            Participants = definition.Participants,
            Weights = definition.Weights,
            Quorum = definition.Quorum,
            Challenge = definition.Challenge,
            Nonce = definition.Nonce,
            SessionData = sessionData ?? "",
            CreatedAt = stamp,
            UpdatedAt = stamp,
        });

        var pushes = funded.Select(w => BalanceNotifications.For(state, w));
        return BalancePushOutcomes.Ok(Context, call, AppSessionJson.MutationResult(sessionId, AppSessionStatus.Open, 1), pushes);
    }

    private string? ValidateDefinition(AppDefinition d)
    {
        if (d.Protocol is not (AppProtocols.V02 or AppProtocols.V04)) return $"unsupported protocol: {d.Protocol}";
        if (d.Participants.Count < 2) return "invalid number of participants";
        if (d.Weights.Count != d.Participants.Count && !Context.Has(DefectId.WeightsLengthMismatchAccepted))
            return "number of weights must be equal to participants";
        if (d.Nonce == 0) return "nonce is zero or not provided";
        for (var i = 0; i < d.Weights.Count; i++)
        {
            if (d.Weights[i] < 0)
                return $"participant {(i < d.Participants.Count ? d.Participants[i] : "")} weight cannot be negative";
        }
        // Go sums into an int64 (wrapping on overflow) and compares with the unsigned quorum.
        long total = 0;
        foreach (var w in d.Weights) total = unchecked(total + w);
        if (d.Quorum > unchecked((ulong)total) && !Context.Has(DefectId.QuorumAboveWeightSumAccepted))
            return $"target quorum ({d.Quorum}) cannot be greater than total sum of weights ({total})";
        return null;
    }

    // B0–B7 for one allocation; returns the error text or null after moving the funds.
    private string? Fund(AllocationParam alloc, string application, string sessionId, SignerSet signers, DateTimeOffset now)
    {
        if (alloc.Amount == 0m) return null;
        if (alloc.Amount < 0m && !Context.Has(DefectId.NegativeAmountsAccepted))
            return $"negative allocation: {GoDecimal.Format(alloc.Amount)} for asset {alloc.Asset}";

        var signed = signers.Signed(alloc.Participant, out var viaKey);
        if (alloc.Amount > 0m && !signed && !Context.Has(DefectId.CreateWithoutFunderSignature))
            return $"missing signature for participant {alloc.Participant}";
        if (viaKey is not null && SessionKeyRules.ValidateFunding(Context, viaKey, application, alloc.Asset, alloc.Amount, now) is { } keyError)
            return keyError;
        if (ChannelRules.Check(Context.State, alloc.Participant) is { } channelError) return channelError;

        var state = Context.State;
        var unified = LedgerAddress.AccountId(alloc.Participant);
        if (alloc.Amount > state.Balance(unified, alloc.Participant, alloc.Asset) && !Context.Has(DefectId.CreateIgnoresInsufficientFunds))
            return $"insufficient funds: {alloc.Participant} for asset {alloc.Asset}";

        state.Record(unified, alloc.Participant, alloc.Asset, -alloc.Amount, viaKey, now);
        state.Record(sessionId, alloc.Participant, alloc.Asset, alloc.Amount, null, now);
        state.RecordTransaction(LedgerTransactionType.AppDeposit, unified, sessionId, alloc.Asset, alloc.Amount, now);
        return null;
    }
}
