using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Rpc;

/// <summary>auth_request and auth_verify frames built by our builders equal the eip712-auth.json envelopes.</summary>
[TestFixture]
public class Eip712AuthEnvelopeTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var c in VectorFiles.Load("eip712-auth.json")["cases"]!.AsArray())
        {
            if (c!["typed_data"] is null) continue; // the negative case has no request inputs
            yield return new TestCaseData(c.ToJsonString()).SetArgDisplayNames((string)c["name"]!);
        }
    }

    [Test]
    public void File_has_four_positive_cases()
    {
        Assert.That(Cases().Count(), Is.EqualTo(4));
    }

    [TestCaseSource(nameof(Cases))]
    public void Auth_request_and_verify_envelopes_match(string caseJson)
    {
        var c = JsonNode.Parse(caseJson)!;
        var wallet = TestKeys.Named((string)c["wallet"]!);
        var message = c["typed_data"]!["message"]!;
        var application = (string)c["application"]!;
        var allowances = message["allowances"]!.AsArray().Select(a => new Allowance((string)a!["asset"]!, (string)a["amount"]!)).ToList();
        var sessionKey = (string)message["session_key"]!;
        var scope = (string)message["scope"]!;
        var expiresAt = (ulong)message["expires_at"]!;

        var requestEnvelope = (string)c["auth_request"]!["envelope"]!;
        var requestArray = JsonNode.Parse(requestEnvelope)!["req"]!.AsArray();
        var authRequest = new RpcRequest((ulong)requestArray[0]!, RpcMethods.AuthRequest,
            Requests.AuthRequest(wallet.Address, sessionKey, application, allowances, expiresAt, scope), (ulong)requestArray[3]!);
        Assert.That(RpcFrames.SignRequest(authRequest, []).Frame, Is.EqualTo(requestEnvelope));

        var challengeFrame = RpcFrameParser.Parse((string)c["auth_challenge_response"]!);
        Assert.That(challengeFrame.Method, Is.EqualTo(RpcMethods.AuthChallenge));
        var challenge = (string)challengeFrame.Params!["challenge_message"]!;
        Assert.That(challenge, Is.EqualTo((string)message["challenge"]!));

        var verifyEnvelope = (string)c["auth_verify"]!["envelope"]!;
        var verifyArray = JsonNode.Parse(verifyEnvelope)!["req"]!.AsArray();
        var signature = Eip712Auth.Sign(wallet, application, new AuthPolicy(challenge, scope, wallet.Address, sessionKey, expiresAt, allowances));
        var verify = RpcFrames.Assemble(new RpcRequest((ulong)verifyArray[0]!, RpcMethods.AuthVerify, Requests.AuthVerify(challenge), (ulong)verifyArray[3]!), [signature]);
        Assert.That(verify.ReqJson, Is.EqualTo((string)c["auth_verify"]!["req_json"]!));
        Assert.That(verify.Frame, Is.EqualTo(verifyEnvelope));
        Assert.That(signature, Is.EqualTo((string)c["signature"]!));

        var ok = RpcFrameParser.Parse((string)c["auth_verify_ok_response"]!);
        Assert.That(Signature.TryRecoverAddress(RpcFrames.Digest(ok.RawArray), ok.Signatures[0], out var broker), Is.True);
        Assert.That(broker, Is.EqualTo(TestKeys.Named("server").Address));
    }

    [Test]
    public void Negative_case_envelope_parses_and_its_signature_recovers_to_the_noted_address()
    {
        var c = VectorFiles.Load("eip712-auth.json")["cases"]!.AsArray().Single(x => x!["typed_data"] is null)!;
        var frame = RpcFrameParser.Parse((string)c["auth_verify"]!["envelope"]!);
        Assert.That(frame.Method, Is.EqualTo(RpcMethods.AuthVerify));
        Assert.That(frame.Signatures, Is.EqualTo(new[] { (string)c["signature"]! }));
        var alice = VectorFiles.Load("eip712-auth.json")["cases"]!.AsArray()[0]!["typed_data"]!["message"]!;
        var policy = new AuthPolicy((string)alice["challenge"]!, (string)alice["scope"]!, (string)alice["wallet"]!, (string)alice["session_key"]!,
            (ulong)alice["expires_at"]!, []);
        Assert.That(Eip712Auth.TryRecoverSigner("nitro-conformance", policy, frame.Signatures[0], out var who), Is.True);
        Assert.That(who, Is.EqualTo((string)c["server_recovers"]!));
    }
}
