using System.Text.Json.Nodes;
using NitroConformance.Protocol.Auth;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;
using NitroConformance.Protocol.Tests.Client;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Auth;

[TestFixture]
[CancelAfter(60_000)]
public class AuthFlowTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var c in VectorFiles.Load("eip712-auth.json")["cases"]!.AsArray())
        {
            if (c!["typed_data"] is null) continue;
            yield return new TestCaseData(c.ToJsonString()).SetArgDisplayNames((string)c["name"]!);
        }
    }

    /// <summary>Replays the vector's server frames. The challenge was issued for the vector's auth_request, so the server
    /// rebuilds the typed data from the vector's message (as the Go server does from its stored challenge) and accepts
    /// auth_verify only if sig[0] recovers to that stored wallet.</summary>
    private static Func<TestConnection, Task> VectorServer(JsonNode c, List<string> received) => async conn =>
    {
        var m = c["typed_data"]!["message"]!;
        var stored = new AuthPolicy((string)m["challenge"]!, (string)m["scope"]!, (string)m["wallet"]!, (string)m["session_key"]!, (ulong)m["expires_at"]!,
            m["allowances"]!.AsArray().Select(a => new Allowance((string)a!["asset"]!, (string)a["amount"]!)).ToList());
        while (await conn.ReceiveAsync() is { } text)
        {
            received.Add(text);
            var f = RpcFrameParser.Parse(text);
            if (f.Method == RpcMethods.AuthRequest)
            {
                await conn.SendAsync((string)c["auth_challenge_response"]!);
                continue;
            }
            var ok = (string?)f.Params!["challenge"] == stored.Challenge && f.Signatures.Count > 0
                     && Eip712Auth.TryRecoverSigner((string)c["application"]!, stored, f.Signatures[0], out var signer)
                     && signer == stored.Wallet;
            await conn.SendAsync(ok ? (string)c["auth_verify_ok_response"]! : TestWebSocketServer.Error(f.RequestId, "invalid challenge or signature"));
        }
    };

    [TestCaseSource(nameof(Cases))]
    public async Task Authenticate_sends_the_vector_frames_and_returns_the_jwt(string caseJson)
    {
        var c = JsonNode.Parse(caseJson)!;
        var requestEnvelope = (string)c["auth_request"]!["envelope"]!;
        var verifyEnvelope = (string)c["auth_verify"]!["envelope"]!;
        var req = JsonNode.Parse(requestEnvelope)!["req"]!.AsArray();
        var ver = JsonNode.Parse(verifyEnvelope)!["req"]!.AsArray();
        var clock = new Queue<ulong>([(ulong)req[3]!, (ulong)ver[3]!]);
        var received = new List<string>();

        await using var server = new TestWebSocketServer(VectorServer(c, received));
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, new ClearNodeClientOptions
        {
            FirstRequestId = (ulong)req[0]!,
            ClockMs = () => clock.Dequeue(),
            ExpectedBroker = TestKeys.Named("server").Address,
        });

        var wallet = TestKeys.Named((string)c["wallet"]!);
        var m = c["typed_data"]!["message"]!;
        var options = new AuthOptions((string)m["session_key"]!, (string)c["application"]!, (string)m["scope"]!,
            m["allowances"]!.AsArray().Select(a => new Allowance((string)a!["asset"]!, (string)a["amount"]!)).ToList(), (ulong)m["expires_at"]!);

        var result = await AuthFlow.AuthenticateAsync(client, wallet, options, Wait);

        Assert.That(received, Is.EqualTo(new[] { requestEnvelope, verifyEnvelope }));
        Assert.That(result, Is.EqualTo(new AuthResult("placeholder.jwt.token", (string)m["session_key"]!, wallet.Address)));
        Assert.That(client.ProtocolViolations, Is.Empty);
    }

    [Test]
    public async Task Reauthenticate_sends_the_unsigned_jwt_frame()
    {
        var vector = VectorFiles.Load("rpc-signing.json")["vectors"]!.AsArray().Single(v => (string)v!["name"]! == "auth_verify_jwt")!;
        var received = new List<string>();
        await using var server = new TestWebSocketServer(async conn =>
        {
            while (await conn.ReceiveAsync() is { } text)
            {
                received.Add(text);
                var f = RpcFrameParser.Parse(text);
                await conn.SendAsync(TestWebSocketServer.Response(f.RequestId, RpcMethods.AuthVerify, new JsonObject
                {
                    ["address"] = TestKeys.Named("alice").Address,
                    ["session_key"] = TestKeys.Named("alice-session").Address,
                    ["success"] = true,
                }));
            }
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, new ClearNodeClientOptions
        {
            FirstRequestId = (ulong)vector["request_id"]!,
            ClockMs = () => (ulong)vector["timestamp"]!,
        });

        var result = await AuthFlow.ReauthenticateAsync(client, "placeholder.jwt.token", Wait);

        Assert.That(received, Is.EqualTo(new[] { (string)vector["envelope"]! }));
        Assert.That(result, Is.EqualTo(new AuthResult("placeholder.jwt.token", TestKeys.Named("alice-session").Address, TestKeys.Named("alice").Address)));
    }

    [Test]
    public async Task Refused_verify_surfaces_the_server_text()
    {
        var c = VectorFiles.Load("eip712-auth.json")["cases"]!.AsArray()[0]!;
        await using var server = new TestWebSocketServer(VectorServer(c, []));
        await using var client = await ClearNodeClient.ConnectAsync(server.Url, new ClearNodeClientOptions { FirstRequestId = 1022 });
        // Carol answers a challenge that was issued for alice's auth_request: the signature recovers to an address
        // other than the stored wallet, so the server refuses.
        var m = c["typed_data"]!["message"]!;
        var options = new AuthOptions((string)m["session_key"]!, (string)c["application"]!, (string)m["scope"]!, [], (ulong)m["expires_at"]!);
        var flow = AuthFlow.AuthenticateAsync(client, TestKeys.Named("carol"), options, Wait);
        var ex = Assert.ThrowsAsync<RpcErrorException>(() => flow);
        Assert.That(ex!.ErrorText, Is.EqualTo("invalid challenge or signature"));
    }

    [Test]
    public async Task Unexpected_reply_method_is_a_clear_auth_failure()
    {
        await using var server = new TestWebSocketServer(async conn =>
        {
            while (await conn.ReceiveAsync() is { } text)
                await conn.SendAsync(TestWebSocketServer.Response(RpcFrameParser.Parse(text).RequestId, "pong", null));
        });
        await using var client = await ClearNodeClient.ConnectAsync(server.Url);
        var options = new AuthOptions(TestKeys.Named("alice-session").Address, "nitro-conformance", "console", [], 1735693200);
        var ex = Assert.ThrowsAsync<AuthFailedException>(() => AuthFlow.AuthenticateAsync(client, TestKeys.Named("alice"), options, Wait));
        Assert.That(ex!.Message, Does.StartWith("auth_request was answered with 'pong', expected 'auth_challenge'."));
    }
}
