using NitroConformance.Fixtures.State;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.AppSessions;

/// <summary><c>get_app_definition</c> (public): the stored definition of any session, application left blank.</summary>
public sealed class GetAppDefinitionHandler(LedgerContext context) : ParamsHandler<string>("get_app_definition", isPrivate: false)
{
    /// <inheritdoc />
    protected override string Decode(ParamReader p) => p.String("app_session_id");

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, string sessionId)
    {
        if (sessionId == "") return MethodOutcome.Fail("missing account ID");
        var session = context.State.FindAppSession(sessionId);
        return session is null
            ? MethodOutcome.Fail("failed to get application session")
            : MethodOutcome.Ok(AppSessionJson.Definition(session));
    }
}
