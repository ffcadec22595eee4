using System.Text.Json.Nodes;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Auth;

/// <summary>ClearNode authentication: auth_request → auth_challenge → auth_verify signed with EIP-712 by the wallet, or auth_verify with a JWT.</summary>
public static class AuthFlow
{
    /// <summary>Authenticates the connection as <paramref name="wallet"/>; the EIP-712 policy uses the wallet's EIP-55 address.</summary>
    /// <exception cref="RpcErrorException">The server refused a step (exact error text inside).</exception>
    /// <exception cref="AuthFailedException">A reply had the wrong method or lacked a required field.</exception>
    public static async Task<AuthResult> AuthenticateAsync(ClearNodeClient client, EthKey wallet, AuthOptions options,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(options);

        var requestParams = Requests.AuthRequest(wallet.Address, options.SessionKey, options.Application, options.Allowances, options.ExpiresAt, options.Scope);
        var challengeFrame = await client.RequestAsync(RpcMethods.AuthRequest, requestParams, [], timeout, ct).ConfigureAwait(false);
        if (challengeFrame.Method != RpcMethods.AuthChallenge)
            throw new AuthFailedException($"auth_request was answered with '{challengeFrame.Method}', expected 'auth_challenge'.", challengeFrame.Text);
        var challenge = RequireString(challengeFrame, "challenge_message");

        var policy = new AuthPolicy(challenge, options.Scope, wallet.Address, options.SessionKey, options.ExpiresAt, options.Allowances);
        var signature = Eip712Auth.Sign(wallet, options.Application, policy);
        var verify = RpcFrames.Assemble(client.CreateRequest(RpcMethods.AuthVerify, Requests.AuthVerify(challenge)), [signature]);
        var verified = await client.SendSignedAsync(verify, timeout, ct).ConfigureAwait(false);
        return ReadResult(verified, jwt: null);
    }

    /// <summary>Authenticates the connection with a JWT from an earlier <see cref="AuthenticateAsync"/> (sent unsigned).</summary>
    public static async Task<AuthResult> ReauthenticateAsync(ClearNodeClient client, string jwt, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(jwt);
        var verified = await client.RequestAsync(RpcMethods.AuthVerify, Requests.AuthVerifyJwt(jwt), [], timeout, ct).ConfigureAwait(false);
        return ReadResult(verified, jwt);
    }

    private static AuthResult ReadResult(RpcFrame frame, string? jwt)
    {
        if (frame.Method != RpcMethods.AuthVerify)
            throw new AuthFailedException($"auth_verify was answered with '{frame.Method}', expected 'auth_verify'.", frame.Text);
        if (frame.Params is JsonObject o && o.TryGetPropertyValue("success", out var s) && s is JsonValue sv
            && sv.TryGetValue<bool>(out var success) && !success)
            throw new AuthFailedException("auth_verify reported success=false.", frame.Text);
        var token = jwt ?? RequireString(frame, "jwt_token");
        return new AuthResult(token, RequireString(frame, "session_key"), RequireString(frame, "address"));
    }

    private static string RequireString(RpcFrame frame, string key)
    {
        if (frame.Params is JsonObject o && o.TryGetPropertyValue(key, out var node) && node is JsonValue v
            && v.TryGetValue<string>(out var text) && text.Length > 0)
            return text;
        throw new AuthFailedException($"'{frame.Method}' reply has no non-empty string '{key}'.", frame.Text);
    }
}
