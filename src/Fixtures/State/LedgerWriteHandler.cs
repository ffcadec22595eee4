using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.State;

/// <summary>
/// Base of the private ledger writes (<c>transfer</c> and the three app-session calls): every failure, a params decode
/// failure and a numeric overflow anywhere in the handler (reported as the method's generic error) included, carries
/// the caller's balance push.
/// </summary>
/// <typeparam name="TParams">The method's params record.</typeparam>
public abstract class LedgerWriteHandler<TParams>(LedgerContext context, string method, string overflowError)
    : ParamsHandler<TParams>(method, isPrivate: true)
{
    /// <summary>The node's ledger state, clock, keys and defects.</summary>
    protected LedgerContext Context { get; } = context;

    /// <inheritdoc />
    protected sealed override MethodOutcome Handle(RpcCall call, TParams parameters) =>
        OverflowGuard.Run(Context.State, () => HandleChecked(call, parameters), () => Fail(call, overflowError));

    /// <inheritdoc />
    protected sealed override MethodOutcome DecodeFailed(RpcCall call) => Fail(call, ParseError);

    /// <summary>The method's own checks and effects; may throw <see cref="OverflowException"/>.</summary>
    protected abstract MethodOutcome HandleChecked(RpcCall call, TParams parameters);

    /// <summary>A failure with <paramref name="error"/> and the caller's balance push.</summary>
    protected MethodOutcome Fail(RpcCall call, string error) => BalancePushOutcomes.Fail(Context, call, error);
}
