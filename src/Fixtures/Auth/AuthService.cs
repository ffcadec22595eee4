using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Fixtures.Node;
using NitroConformance.Fixtures.Params;
using NitroConformance.Fixtures.Profiles;
using NitroConformance.Protocol.Crypto;
using ProtocolAllowance = NitroConformance.Protocol.Crypto.Allowance;

namespace NitroConformance.Fixtures.Auth;

/// <summary>
/// <c>auth_request</c> and <c>auth_verify</c> (clearnode-rpc.md §5.2–§5.5). Unlike other handlers these bind the
/// calling connection, so the router hands the result's policy to the connection itself.
/// </summary>
public sealed class AuthService(NodeRuntime node)
{
    /// <summary>Method name of the challenge request.</summary>
    public const string AuthRequestMethod = "auth_request";

    /// <summary>Method name of the verification.</summary>
    public const string AuthVerifyMethod = "auth_verify";

    /// <summary>The outcome plus, on success of <c>auth_verify</c>, the policy to bind the connection to.</summary>
    public sealed record AuthOutcome(MethodOutcome Outcome, string ResponseMethod, AuthPolicyState? Bind);

    /// <summary>Handles <c>auth_request</c>: stores a challenge and returns it.</summary>
    public AuthOutcome Request(RpcCall call)
    {
        var p = AuthRequestParams.TryParse(call.Params);
        if (p is null) return Failed("failed to parse auth parameters");
        var challenge = node.Challenges.Issue(p.Address, p.SessionKey, p.Application, p.Allowances, p.Scope, p.ExpiresAt);
        if (challenge is null) return Failed("failed to generate challenge");
        var result = new JsonObject { ["challenge_message"] = challenge.Token.ToString("D") };
        return new AuthOutcome(MethodOutcome.Ok(result), "auth_challenge", null);
    }

    /// <summary>Handles <c>auth_verify</c> on either path.</summary>
    public AuthOutcome Verify(RpcCall call)
    {
        var p = AuthVerifyParams.TryParse(call.Params);
        if (p is null) return Failed("failed to parse auth parameters");
        if (p.Jwt != "") return VerifyJwt(p.Jwt);
        if (call.Signatures.Count > 0) return VerifySignature(p.Challenge, call.Signatures[0], call.Now);
        return Failed("invalid authentication method: expected JWT or signature");
    }

    private AuthOutcome VerifyJwt(string token)
    {
        var policy = node.Jwt.Verify(token);
        if (policy is null) return Failed("invalid JWT token");
        node.AuthSessions.Register(policy.Wallet);
        var result = new JsonObject
        {
            ["address"] = policy.Wallet,
            ["session_key"] = policy.SessionKey,
            ["success"] = true,
        };
        return new AuthOutcome(MethodOutcome.Ok(result), AuthVerifyMethod, policy);
    }

    private AuthOutcome VerifySignature(Guid token, string signature, DateTimeOffset now)
    {
        var challenge = node.Challenges.Find(token);
        if (challenge is null) return Failed("invalid challenge");

        var policy712 = PolicyOf(challenge);
        if (node.Behaviour.GoFaithful) PanicOnShortSignature(challenge.Application, policy712, signature);
        var recovered = Eip712Auth.TryRecoverSigner(challenge.Application, policy712, signature, out var signer) ? signer : null;
        if (recovered is null) return Failed("invalid signature");
        if (node.Has(DefectId.AuthVerifyWrongSignerAccepted)) recovered = challenge.Address;

        if (node.Challenges.Validate(token, recovered) != ChallengeStore.ValidationResult.Ok)
            return Failed("invalid challenge or signature");
        node.AuthSessions.Register(recovered);

        node.UserTags.GetOrCreate(challenge.Address);

        // The JWT's policy holds the key's expiry as a time; Go's JSON encoder refuses a year outside 0-9999, so signing
        // fails (auth.go ~213-239 via rpc_router_auth.go ~221-225), before any allowance or key check.
        if (!SessionKeyExpiry.Encodable(challenge.SessionKeyExpiresAt)) return Failed("failed to generate JWT token");
        var keyExpiry = SessionKeyExpiry.ToTime(challenge.SessionKeyExpiresAt);
        var policy = new AuthPolicyState(challenge.Address, challenge.SessionKey, challenge.Scope,
            challenge.Application, challenge.Allowances, keyExpiry);
        var jwt = node.Jwt.Issue(policy);

        var allowanceError = ValidateAllowances(challenge.Allowances);
        if (allowanceError is not null) return Failed("unsupported token: " + allowanceError);

        switch (node.SessionKeys.CheckExisting(challenge.Address, challenge.SessionKey, now))
        {
            case SessionKeyStore.ExistingState.ExpiredForWallet:
                return Failed("session key already exists but is expired");
            case SessionKeyStore.ExistingState.OtherWallet:
                return Failed("signer is already in use for another wallet");
            case SessionKeyStore.ExistingState.Unknown:
                if (now > keyExpiry)
                    return Failed("expiration time must be set and in the future");
                node.SessionKeys.Register(challenge.Address, challenge.SessionKey, challenge.Application,
                    challenge.Scope, challenge.Allowances, keyExpiry, now);
                break;
        }

        // A Go map: keys come out sorted.
        var result = new JsonObject
        {
            ["address"] = challenge.Address,
            ["jwt_token"] = jwt,
            ["session_key"] = challenge.SessionKey,
            ["success"] = true,
        };
        return new AuthOutcome(MethodOutcome.Ok(result), AuthVerifyMethod, policy);
    }

    // The EIP-712 Policy the stored challenge was issued for. Recovery fails ("invalid signature") when the typed data
    // cannot be encoded (empty application, non-address wallet/key) or the signature is short or unrecoverable.
    private static AuthPolicy PolicyOf(PendingChallenge challenge) =>
        new(challenge.Token.ToString("D"), challenge.Scope, challenge.Address, challenge.SessionKey,
            challenge.SessionKeyExpiresAt, challenge.Allowances.Select(a => new ProtocolAllowance(a.Asset, a.Amount)).ToList());

    // The Go node hashes the typed data first and then reads the signature's 65th byte without a length check
    // (signer.go ~l.131, reached from rpc_router_auth.go ~l.195): a shorter signature panics once the data encodes.
    private static void PanicOnShortSignature(string application, AuthPolicy policy, string signature)
    {
        var length = (signature.Length - 2) / 2;
        if (length >= 65 || application.Length == 0) return;
        try
        {
            _ = Eip712Auth.Digest(application, policy);
        }
        catch (FormatException)
        {
            return;
        }
        throw new GoPanicException($"runtime error: index out of range [64] with length {length}",
            "signer.go ~l.131 via rpc_router_auth.go ~l.195");
    }

    private string? ValidateAllowances(IReadOnlyList<RequestedAllowance> allowances)
    {
        var enabled = node.Options.Assets.Where(a => !a.Disabled).Select(a => a.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var a in allowances)
        {
            if (!enabled.Contains(a.Asset)) return $"asset '{a.Asset}' is not supported";
            decimal amount;
            if (node.Behaviour.GoFaithful)
            {
                if (GoDecimal.Parse(a.Amount, out amount) is { } goError)
                    return $"invalid amount '{a.Amount}' for asset '{a.Asset}': {goError}";
            }
            else if (!GoDecimal.TryParseInRange(a.Amount, out amount))
            {
                return $"invalid amount '{a.Amount}' for asset '{a.Asset}': can't convert {a.Amount} to decimal";
            }
            if (amount < 0)
                return $"allowance amount cannot be negative for asset '{a.Asset}', got '{a.Amount}'";
        }
        return null;
    }

    private static AuthOutcome Failed(string error) => new(MethodOutcome.Fail(error), "error", null);
}
