using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The authentication steps: auth (with its variations), reauth with a JWT, and session-key revocation.</summary>
public sealed class AuthSteps(CaseState state, StepRequestSender sender)
{
    /// <summary>auth_request → auth_challenge → auth_verify on the wallet's connection; on success records keys and JWT.</summary>
    public async Task<(Outcome, string)> AuthAsync(AuthStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var wallet = step.As ?? state.Case.Scenario.Wallets[0].Name;
        var conn = state.Connection(wallet);
        var snapshot = await sender.PrepareAsync(step, ct).ConfigureAwait(false);
        var variation = new Authenticator.Variation(step.Signer, step.Address, step.Challenge == "previous", step.Signature, step.KeyRef, KeySpelling: step.KeySpelling,
            ChallengeSpelling: step.ChallengeSpelling);
        var attempt = await Authenticator.AuthenticateAsync(state, conn, wallet, step.SessionKey, step.WithoutKey, variation,
            exchanges, sender.Timeout(step), ct).ConfigureAwait(false);
        // Recorded before the expectation is rendered, so {key:eve} there names the key this login registered.
        if (attempt.Outcome.Succeeded)
        {
            state.Authenticated.Add(wallet);
            if (step.SaveKey && attempt.SessionKey is not null) state.SessionKeys[wallet] = attempt.SessionKey;
            if (step.SaveKeyAs is { } keyName && attempt.SessionKey is not null) state.NamedKeys[$"{wallet}.{keyName}"] = attempt.SessionKey;
            if (attempt.Jwt is not null) state.Jwts[wallet] = attempt.Jwt;
        }
        var judged = sender.Judge(step, attempt.Outcome, ResultSaver.For(state, step.Save));
        return await sender.ConfirmUnchangedAsync(step, snapshot, judged, ct).ConfigureAwait(false);
    }

    /// <summary>auth_verify with a JWT (the saved one or the step's), on a fresh connection or, with <c>connection: same</c>, the wallet's own.</summary>
    public async Task<(Outcome, string)> ReauthAsync(ReauthStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var wallet = step.As ?? state.Case.Scenario.Wallets[0].Name;
        string jwt;
        if (step.Jwt is null or "saved")
            jwt = state.Jwts.TryGetValue(wallet, out var saved) ? saved
                : throw new StepFailure(Outcome.Failed, $"{wallet} has no saved JWT (the target returned none at authentication)");
        else jwt = state.Render(step.Jwt);
        var p = Requests.AuthVerifyJwt(jwt);
        if (step.Connection is "same")
            return await sender.SendAsync(step with { As = wallet }, RpcMethods.AuthVerify, p, [], exchanges, ct, null).ConfigureAwait(false);
        await using var conn = await state.OpenConnectionAsync($"{wallet} (fresh)", ct).ConfigureAwait(false);
        var r = await conn.SendAsync(RpcMethods.AuthVerify, p, [], step.TimestampOffsetMs, sender.Timeout(step), ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{wallet} (fresh connection): auth_verify jwt", r.RequestFrame, r.ResponseFrame, DateTimeOffset.UtcNow));
        return sender.Judge(step, r, null);
    }

    /// <summary>revoke_session_key for a saved key reference or a literal address.</summary>
    public async Task<(Outcome, string)> RevokeAsync(RevokeStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var target = step.Target!;
        var address = !target.StartsWith("0x", StringComparison.Ordinal) && target.Contains('.', StringComparison.Ordinal) ? state.Signer(target).Address : state.Address(target);
        var from = sender.DefaultSender(step);
        return await sender.SendAsync(step with { As = from }, RpcMethods.RevokeSessionKey, new JsonObject { ["session_key"] = address },
            step.Signers ?? [from], exchanges, ct, null).ConfigureAwait(false);
    }
}
