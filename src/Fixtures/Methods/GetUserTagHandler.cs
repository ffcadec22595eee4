using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Auth;
using NitroConformance.Fixtures.Node;

namespace NitroConformance.Fixtures.Methods;

/// <summary><c>get_user_tag</c> (private): the caller's tag, params ignored (clearnode-rpc.md §7).</summary>
public sealed class GetUserTagHandler(UserTagStore tags) : IRpcMethodHandler
{
    /// <inheritdoc />
    public string Method => "get_user_tag";

    /// <inheritdoc />
    public bool IsPrivate => true;

    /// <inheritdoc />
    public MethodOutcome Handle(RpcCall call)
    {
        var tag = call.CallerWallet is null ? null : tags.Find(call.CallerWallet);
        return tag is null ? MethodOutcome.Fail("failed to get user tag") : MethodOutcome.Ok(new JsonObject { ["tag"] = tag });
    }
}
