using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Ledger;

/// <summary>
/// Base of the private ledger writes (<c>transfer</c> and the three app-session calls): every failure, including a
/// numeric overflow anywhere in the handler (reported as the method's generic error), carries the caller's balance push.
/// </summary>
public abstract class LedgerWriteHandler(LedgerContext context, string method, string overflowError) : IRpcMethodHandler
{
    /// <summary>The node's ledger state, clock, keys and defects.</summary>
    protected LedgerContext Context { get; } = context;

    /// <inheritdoc />
    public string Method { get; } = method;

    /// <inheritdoc />
    public bool IsPrivate => true;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call) =>
        OverflowGuard.Run(Context.State, () => HandleChecked(call), () => Fail(call, overflowError));

    /// <summary>The method's own checks and effects; may throw <see cref="OverflowException"/>.</summary>
    protected abstract MethodOutcome HandleChecked(RpcCall call);

    /// <summary>A failure with <paramref name="error"/> and the caller's balance push.</summary>
    protected MethodOutcome Fail(RpcCall call, string error) => BalancePushOutcomes.Fail(Context, call, error);
}
