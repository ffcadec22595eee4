using System.Text.Json.Nodes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>auth_request → auth_verify with an EIP-712 signature, built step by step so scenarios can vary each part.</summary>
public static class Authenticator
{
    /// <summary>The result of an authentication attempt: the last answer, and the session key it registered.</summary>
    public sealed record Attempt(RpcOutcome Outcome, EthKey? SessionKey, string? Jwt);

    /// <summary>Authenticates <paramref name="wallet"/> on <paramref name="connection"/>; <paramref name="signer"/> signs the challenge (default the wallet).</summary>
    public static async Task<Attempt> AuthenticateAsync(CaseState state, WalletConnection connection, string wallet, SessionKeySpec? spec,
        bool withoutKey, string? signer, string? addressOverride, List<Exchange> exchanges, TimeSpan timeout, CancellationToken ct)
    {
        var walletKey = state.Wallets[wallet];
        var serial = Interlocked.Increment(ref _serial);
        EthKey? sessionKey = withoutKey ? null : EthKey.FromSeed($"{state.Settings.Seed}/{state.Case.Name}/{wallet}/key/{serial}");
        var sessionKeyAddress = sessionKey?.Address ?? walletKey.Address;
        var application = spec?.Application ?? "clearnode";
        var allowances = (spec?.Allowances ?? []).Select(a => new Allowance(state.Settings.Asset(a.Asset), state.Render(a.Amount))).ToList();
        var expiresAt = (ulong)Math.Max(1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (spec?.ExpiresIn ?? 3600));
        var scope = spec?.Scope ?? "";
        var address = addressOverride is null ? walletKey.Address : state.Address(addressOverride);

        var request = Requests.AuthRequest(address, sessionKeyAddress, application, allowances, expiresAt, scope);
        var challengeReply = await connection.SendAsync(RpcMethods.AuthRequest, request, [], 0, timeout, ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{wallet}: auth_request", challengeReply.RequestFrame, challengeReply.ResponseFrame, DateTimeOffset.UtcNow));
        if (!challengeReply.Succeeded) return new Attempt(challengeReply, null, null);
        var challenge = (challengeReply.Response.Params as JsonObject)?["challenge_message"] is JsonValue v && v.TryGetValue<string>(out var c) ? c
            : throw new StepFailure(Outcomes.Outcome.Failed, $"{wallet}: auth_challenge has no challenge_message: {challengeReply.ResponseFrame}");

        var policy = new AuthPolicy(challenge, scope, address, sessionKeyAddress, expiresAt, allowances);
        var signature = Eip712Auth.Sign(signer is null ? walletKey : state.Wallets[signer], application, policy);
        var verify = RpcFrames.Assemble(connection.Client.CreateRequest(RpcMethods.AuthVerify, Requests.AuthVerify(challenge)), [signature]);
        var verified = await connection.SendSignedAsync(verify, timeout, ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{wallet}: auth_verify", verified.RequestFrame, verified.ResponseFrame, DateTimeOffset.UtcNow));
        var jwt = verified.Succeeded && (verified.Response.Params as JsonObject)?["jwt_token"] is JsonValue jv && jv.TryGetValue<string>(out var j) ? j : null;
        return new Attempt(verified, sessionKey, jwt);
    }

    private static long _serial;
}
