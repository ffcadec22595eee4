using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary>Session-key checks of app-sessions.md §3.2/§3.3 and the transfer cap check (exact error texts).</summary>
public static class SessionKeyRules
{
    /// <summary>Application name whose keys are exempt from application scoping and allowances.</summary>
    public const string ClearnodeApplication = "clearnode";

    /// <summary>The key row if it counts as active the way the Go node's DB lookup does, else the cause text.</summary>
    public static SessionKeyRecord? FindActive(LedgerContext context, string key, DateTimeOffset now, out string? cause)
    {
        cause = null;
        var record = context.Keys.Find(key);
        if (record is null)
        {
            cause = $"failed to retrieve session key {key}: record not found";
            return null;
        }
        // The Go lookup never reports clearnode keys as expired.
        if (record.Application != ClearnodeApplication && !record.IsActive(now))
        {
            cause = "session key expired";
            return null;
        }
        return record;
    }

    /// <summary>Null when the key may act for <paramref name="application"/>, else the mismatch text.</summary>
    public static string? ApplicationMismatch(SessionKeyRecord key, string application) =>
        key.Application == ClearnodeApplication || key.Application == application
            ? null
            : $"session key application mismatch: session key is for '{key.Application}', but app session is for '{application}'";

    /// <summary>Null when <paramref name="requested"/> fits the key's remaining allowance in <paramref name="asset"/>, else the denial text.</summary>
    public static string? SpendingDenied(LedgerContext context, SessionKeyRecord key, string asset, decimal requested)
    {
        if (key.Application == ClearnodeApplication) return null;
        if (!key.Allowances.TryGetValue(asset, out var cap))
            return $"operation denied: asset {asset} not allowed in session key spending cap";
        var used = context.State.SessionKeyUsage(key.Key, asset);
        if (used + requested > cap)
            return $"operation denied: insufficient session key allowance: {GoDecimal.Format(requested)} required, {GoDecimal.Format(cap - used)} available";
        return null;
    }

    /// <summary>§3.3: funding a create allocation or a deposit through session key <paramref name="key"/>.</summary>
    public static string? ValidateFunding(LedgerContext context, string key, string application, string asset, decimal amount, DateTimeOffset now)
    {
        var record = FindActive(context, key, now, out var cause);
        if (record is null) return $"session key validation failed: {cause}";
        if (ApplicationMismatch(record, application) is { } mismatch)
            return $"session key application validation failed: {mismatch}";
        if (SpendingDenied(context, record, asset, amount) is { } denied)
            return $"session key spending validation failed: {denied}";
        return null;
    }

    /// <summary>§3.2: every signer that maps to another wallet must be an active key scoped to the session's application.</summary>
    public static string? ValidateQuorumKeys(LedgerContext context, SignerSet signers, string application, DateTimeOffset now)
    {
        // A map walk in Go (app_session_service.go ~l.63-77): which failing key is named varies.
        foreach (var signer in context.State.Order.Arrange(signers.Signers))
        {
            if (signers.Map(signer) == signer) continue;
            var record = FindActive(context, signer, now, out var cause);
            if (record is null) return $"failed to get session key for signer {signer}: {cause}";
            if (ApplicationMismatch(record, application) is { } mismatch)
                return $"session key application validation failed for signer {signer}: {mismatch}";
        }
        return null;
    }
}
