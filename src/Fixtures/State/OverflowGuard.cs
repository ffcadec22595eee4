using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.State;

/// <summary>
/// Amounts beyond C# <c>decimal</c> range (which the Go node's database would also refuse) surface as the method's
/// database-failure text instead of an exception; ledger writes made before the overflow are rolled back.
/// </summary>
public static class OverflowGuard
{
    /// <summary>Runs <paramref name="handle"/>; on overflow rolls the ledger back and returns <paramref name="onOverflow"/>.</summary>
    public static MethodOutcome Run(NodeLedgerState state, Func<MethodOutcome> handle, Func<MethodOutcome> onOverflow)
    {
        var savepoint = state.Savepoint();
        try
        {
            return handle();
        }
        catch (OverflowException)
        {
            state.RollbackTo(savepoint);
            return onOverflow();
        }
    }
}
