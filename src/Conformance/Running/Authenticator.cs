using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>auth_request → auth_verify with an EIP-712 signature, built step by step so scenarios can vary each part.</summary>
public static class Authenticator
{
    /// <summary>The result of an authentication attempt: the last answer, and the session key it registered.</summary>
    public sealed record Attempt(RpcOutcome Outcome, EthKey? SessionKey, string? Jwt);

    /// <summary>A challenge obtained by auth_request with the policy it was requested for (reused by <c>challenge: previous</c>).</summary>
    public sealed record Challenge(AuthPolicy Policy, string Application, EthKey? SessionKey);

    /// <summary>How an auth step deviates from a plain login; <see cref="Plain"/> changes nothing.</summary>
    public sealed record Variation(string? Signer, string? Address, bool ReuseChallenge, string? SignatureOverride, string? KeyRef, EthKey? ExistingKey = null,
        string? KeySpelling = null, string? ChallengeSpelling = null)
    {
        /// <summary>A normal authentication.</summary>
        public static Variation Plain { get; } = new(null, null, false, null, null);
    }

    /// <summary>Authenticates <paramref name="wallet"/> on <paramref name="connection"/> as <paramref name="variation"/> says.</summary>
    public static async Task<Attempt> AuthenticateAsync(CaseState state, CaseConnection connection, string wallet, SessionKeySpec? spec,
        bool withoutKey, Variation variation, List<Exchange> exchanges, TimeSpan timeout, CancellationToken ct)
    {
        var walletKey = state.Wallets[wallet];
        Challenge challenge;
        if (variation.ReuseChallenge)
        {
            challenge = state.Challenges.TryGetValue(wallet, out var previous) ? previous
                : throw new StepFailure(Outcomes.Outcome.Failed, $"{wallet} has no earlier challenge to reuse (challenge: previous needs an earlier auth step)");
        }
        else
        {
            var serial = Interlocked.Increment(ref _serial);
            EthKey? sessionKey = variation.ExistingKey ?? (variation.KeyRef is { } kr ? state.Signer(kr) : null)
                ?? (
                withoutKey ? null : EthKey.FromSeed($"{state.Settings.Seed}/{state.Target.RunId}/{state.Case.Name}/{wallet}/key/{serial}"));
            var sessionKeyAddress = sessionKey?.Address ?? walletKey.Address;
            if (variation.KeySpelling is { } spelling) sessionKeyAddress = AddressSpelling.Apply(spelling, sessionKeyAddress)!;
            var application = spec?.Application ?? "clearnode";
            var allowances = (spec?.Allowances ?? []).Select(a => new Allowance(state.Settings.Asset(a.Asset), state.Render(a.Amount))).ToList();
            var expiresAt = spec?.ExpiresAt ?? (ulong)Math.Max(1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (spec?.ExpiresIn ?? 3600));
            var scope = spec?.Scope ?? "";
            var address = variation.Address is null ? walletKey.Address : state.Address(variation.Address);

            var request = Requests.AuthRequest(address, sessionKeyAddress, application, allowances, expiresAt, scope);
            var challengeReply = await connection.SendAsync(RpcMethods.AuthRequest, request, [], 0, timeout, ct).ConfigureAwait(false);
            exchanges.Add(new Exchange($"{wallet}: auth_request", challengeReply.RequestFrame, challengeReply.ResponseFrame, DateTimeOffset.UtcNow));
            if (!challengeReply.Succeeded) return new Attempt(challengeReply, null, null);
            var token = JsonMatch.StringField(challengeReply.Response.Params, "challenge_message")
                ?? throw new StepFailure(Outcomes.Outcome.Failed, $"{wallet}: auth_challenge has no challenge_message: {challengeReply.ResponseFrame}");
            // The policy holds the addresses as sent: EIP-712 encodes an address as its 20 bytes, so every spelling the
            // node's encoder reads (Eip712Auth reads the same ones) signs the same digest.
            challenge = new Challenge(new AuthPolicy(token, scope, address, sessionKeyAddress, expiresAt, allowances), application, sessionKey);
            lock (state.Challenges) state.Challenges[wallet] = challenge;
        }

        var signature = variation.SignatureOverride switch
        {
            null => Eip712Auth.Sign(variation.Signer is null ? walletKey : state.Wallets[variation.Signer], challenge.Application, challenge.Policy),
            // 65 zero bytes: r = s = 0 never recovers.
            "zeros" => "0x" + new string('0', 130),
            // A real signature cut to 64 bytes: valid hex of the wrong length (the Go node's short-signature crash path).
            "short" => Eip712Auth.Sign(walletKey, challenge.Application, challenge.Policy)[..130],
            var literal => state.Render(literal),
        };
        var verify = RpcFrames.Assemble(connection.Client.CreateRequest(RpcMethods.AuthVerify,
            Requests.AuthVerify(SpellChallenge(challenge.Policy.Challenge, variation.ChallengeSpelling))), [signature]);
        var verified = await connection.SendSignedAsync(verify, timeout, ct).ConfigureAwait(false);
        exchanges.Add(new Exchange($"{wallet}: auth_verify", verified.RequestFrame, verified.ResponseFrame, DateTimeOffset.UtcNow));
        var jwt = verified.Succeeded ? JsonMatch.StringField(verified.Response.Params, "jwt_token") : null;
        return new Attempt(verified, challenge.SessionKey, jwt);
    }

    // The signature covers the challenge as received; only the text sent back in auth_verify changes.
    private static string SpellChallenge(string challenge, string? spelling) => spelling switch
    {
        null => challenge,
        "urn" => "urn:uuid:" + challenge,
        "braced" => "{" + challenge + "}",
        "hex" => challenge.Replace("-", "", StringComparison.Ordinal),
        "upper" => challenge.ToUpperInvariant(),
        _ => throw new ArgumentOutOfRangeException(nameof(spelling), spelling, "not a challenge spelling"),
    };

    private static long _serial;
}
