using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Params;

/// <summary>
/// A method handler whose params are decoded into a typed record first, as the Go handlers' <c>parseParams</c> into a
/// struct: one place turns a decode failure into the method's answer, so handlers start from valid params.
/// </summary>
/// <typeparam name="TParams">The method's params record.</typeparam>
public abstract class ParamsHandler<TParams>(string method, bool isPrivate) : IRpcMethodHandler
{
    /// <summary>The error text of a params decode failure in every Go handler but the auth ones.</summary>
    public const string ParseError = "failed to parse parameters";

    /// <inheritdoc />
    public string Method { get; } = method;

    /// <inheritdoc />
    public bool IsPrivate { get; } = isPrivate;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        TParams parameters;
        try
        {
            parameters = Decode(ParamReader.From(call.Params));
        }
        catch (ParamDecodeException)
        {
            return DecodeFailed(call);
        }
        return Handle(call, parameters);
    }

    /// <summary>Reads the params record (throws <see cref="ParamDecodeException"/> where Go's decoder fails).</summary>
    protected abstract TParams Decode(ParamReader p);

    /// <summary>Handles a call whose params decoded.</summary>
    protected abstract MethodOutcome Handle(RpcCall call, TParams parameters);

    /// <summary>The answer to params that fail to decode (<see cref="ParseError"/> unless overridden).</summary>
    protected virtual MethodOutcome DecodeFailed(RpcCall call) => MethodOutcome.Fail(ParseError);
}
