using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Auth;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;

namespace NitroConformance.Fixtures.Methods;

/// <summary>
/// <c>revoke_session_key</c> (private) with the Go node's permission matrix (clearnode-rpc.md §7):
/// <c>sig[0]</c> must be the wallet or one of its active keys; a key other than the target must be a
/// <c>clearnode</c> key.
/// </summary>
public sealed class RevokeSessionKeyHandler(SessionKeyStore keys) : ParamsHandler<string>("revoke_session_key", isPrivate: true)
{
    /// <inheritdoc />
    protected override string Decode(ParamReader p) => p.String("session_key");

    /// <inheritdoc />
    protected override MethodOutcome Handle(RpcCall call, string target)
    {
        if (target == "") return MethodOutcome.Fail("session_key parameter is required");

        var wallet = call.CallerWallet ?? "";
        if (call.Signatures.Count < 1) return MethodOutcome.Fail("missing participant signature");
        var signer = RequestSignature.Recover(call.RawReq, call.Signatures[0]);
        if (signer is null) return MethodOutcome.Fail("failed to verify signer");
        var mapped = keys.WalletFor(signer, call.Now) ?? signer;
        if (mapped != wallet) return MethodOutcome.Fail("invalid signature");

        var targetRow = keys.Find(target);
        if (targetRow is null || targetRow.Wallet != wallet || !targetRow.IsActive(call.Now))
            return MethodOutcome.Fail("operation denied: provided address is not an active session key of this user");

        if (signer != wallet && signer != target)
        {
            var active = keys.Find(signer);
            // Go's lookup treats clearnode keys as active whatever their expiry.
            if (active is null || (active.Application != "clearnode" && active.ExpiresAt <= call.Now))
                return MethodOutcome.Fail("operation denied: active session key is invalid");
            if (active.Application != "clearnode")
                return MethodOutcome.Fail("operation denied: insufficient permissions for the active session key");
        }

        keys.Revoke(target, call.Now);
        return MethodOutcome.Ok(new JsonObject { ["session_key"] = target });
    }
}
