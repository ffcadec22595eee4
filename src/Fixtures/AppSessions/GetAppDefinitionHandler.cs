using NitroConformance.Fixtures.Ledger;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>get_app_definition</c> (public): the stored definition of any session, application left blank.</summary>
public sealed class GetAppDefinitionHandler(LedgerContext context) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_app_definition";

    /// <inheritdoc />
    public bool IsPrivate => false;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        string sessionId;
        try
        {
            sessionId = ParamReader.From(call.Params).String("app_session_id");
        }
        catch (ParamDecodeException)
        {
            return MethodOutcome.Fail("failed to parse parameters");
        }
        if (sessionId == "") return MethodOutcome.Fail("missing account ID");
        var session = context.State.FindAppSession(sessionId);
        return session is null
            ? MethodOutcome.Fail("failed to get application session")
            : MethodOutcome.Ok(AppSessionJson.Definition(session));
    }
}
