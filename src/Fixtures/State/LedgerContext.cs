using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.State;

/// <summary>What every ledger, transfer and app-session handler of one node instance shares.</summary>
public sealed class LedgerContext(
    NodeLedgerState state,
    ISessionKeyDirectory keys,
    TimeProvider clock,
    IReadOnlySet<DefectId> defects,
    IUserTagDirectory? tags,
    Action? yieldStateLock = null)
{
    /// <summary>The node's ledger and app sessions.</summary>
    public NodeLedgerState State { get; } = state;

    /// <summary>Session keys (owned by the auth part).</summary>
    public ISessionKeyDirectory Keys { get; } = keys;

    /// <summary>The node clock: timestamps of rows and sessions, key expiry, replay window.</summary>
    public TimeProvider Clock { get; } = clock;

    /// <summary>User tags for <c>transfer</c>, or null when the node has none.</summary>
    public IUserTagDirectory? Tags { get; } = tags;

    /// <summary>Defects seeded into this instance.</summary>
    public IReadOnlySet<DefectId> Defects { get; } = defects;

    /// <summary>The node's profile choices (Go fidelity, replay window, iteration order).</summary>
    public Profiles.NodeBehaviour Behaviour => State.Behaviour;

    /// <summary>Releases the node's state lock for a moment (see <see cref="StateLockYield"/>); a no-op without a node around the handlers.</summary>
    public Action YieldStateLock { get; } = yieldStateLock ?? (static () => { });

    /// <summary>True when <paramref name="defect"/> is seeded.</summary>
    public bool Has(DefectId defect) => Defects.Contains(defect);

    /// <summary>The current node time.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();
}
