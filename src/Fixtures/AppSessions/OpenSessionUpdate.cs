using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.State;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>
/// The steps <c>submit_app_state</c> and <c>close_app_session</c> share when they change an existing session:
/// find it open, check quorum and the signing session keys, refuse duplicate allocations, stamp the new state.
/// Each handler calls them in its own (Go) order; error texts are the Go node's.
/// </summary>
public static class OpenSessionUpdate
{
    /// <summary>Error when the session does not exist or is not open (S1 / C3).</summary>
    public const string NotFoundError = "an open app session not found: record not found";

    /// <summary>The open session <paramref name="sessionId"/> (any status under <see cref="DefectId.UpdateAfterClose"/>); null otherwise.</summary>
    public static AppSessionRecord? FindOpen(LedgerContext context, string sessionId)
    {
        var session = context.State.FindAppSession(sessionId);
        return session is null || session.Status != AppSessionStatus.Open && !context.Has(DefectId.UpdateAfterClose) ? null : session;
    }

    /// <summary>The quorum check, then the session-key check of the signers that made up the quorum; null when both pass.</summary>
    public static string? Authorize(LedgerContext context, AppSessionRecord session, SignerSet signers, string intent, DateTimeOffset now) =>
        QuorumCheck.Verify(context, session, signers, intent)
        ?? SessionKeyRules.ValidateQuorumKeys(context, signers, session.Application, now);

    /// <summary>The duplicate (participant, asset) error, unless <see cref="DefectId.DuplicateAllocationsCountedTwice"/> is seeded.</summary>
    public static string? DuplicateAllocations(LedgerContext context, IReadOnlyList<AllocationParam> allocations) =>
        context.Has(DefectId.DuplicateAllocationsCountedTwice) ? null : AllocationParam.DuplicateError(allocations);

    /// <summary>Records a successful update: version bump (when <paramref name="bumpVersion"/>), new session data if sent, update time.</summary>
    public static void Stamp(AppSessionRecord session, string? sessionData, DateTimeOffset now, bool bumpVersion = true)
    {
        if (bumpVersion) session.Version++;
        if (sessionData is not null) session.SessionData = sessionData;
        session.UpdatedAt = GoTime.ToStorage(now);
    }
}
