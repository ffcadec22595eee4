using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;
using NUnit.Framework;

namespace NitroConformance.Protocol.Tests.Rpc;

/// <summary>Builders that no vector covers: exact text, key order as the SDK writes it.</summary>
[TestFixture]
public class RequestsTests
{
    private const string Alice = "0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d";
    private const string Sid = "0x9351f29c0db884fcf9d909c5ff9d51bf43494114d5f6085e103dca5dd14025a5";

    [Test]
    public void Public_reads()
    {
        Assert.That(JsJson.Serialize(Requests.GetConfig()), Is.EqualTo("{}"));
        Assert.That(JsJson.Serialize(Requests.GetAssets()), Is.EqualTo("{}"));
        Assert.That(JsJson.Serialize(Requests.GetAssets(0)), Is.EqualTo("{}"));
        Assert.That(JsJson.Serialize(Requests.GetAssets(137)), Is.EqualTo("{\"chain_id\":137}"));
        Assert.That(JsJson.Serialize(Requests.GetAppDefinition(Sid)), Is.EqualTo("{\"app_session_id\":\"" + Sid + "\"}"));
        Assert.That(JsJson.Serialize(Requests.GetAppSessions()), Is.EqualTo("{}"));
        Assert.That(JsJson.Serialize(Requests.GetAppSessions(status: "closed")), Is.EqualTo("{\"status\":\"closed\"}"));
    }

    [Test]
    public void Ledger_transactions_filters_keep_order_and_drop_empty()
    {
        Assert.That(JsJson.Serialize(Requests.GetLedgerTransactions(Alice)), Is.EqualTo("{\"account_id\":\"" + Alice + "\"}"));
        Assert.That(JsJson.Serialize(Requests.GetLedgerTransactions(Alice, "usdc", "transfer", 10, 5, "desc")),
            Is.EqualTo("{\"account_id\":\"" + Alice + "\",\"asset\":\"usdc\",\"tx_type\":\"transfer\",\"offset\":10,\"limit\":5,\"sort\":\"desc\"}"));
        Assert.That(JsJson.Serialize(Requests.GetLedgerTransactions(Alice, "", null, null, 0, "")),
            Is.EqualTo("{\"account_id\":\"" + Alice + "\",\"limit\":0}"));
    }

    [Test]
    public void Transfer_by_address_or_tag()
    {
        Assert.That(JsJson.Serialize(Requests.Transfer(Alice, [new TransferAllocation("usdc", "0.5"), new TransferAllocation("eth", "1")])),
            Is.EqualTo("{\"destination\":\"" + Alice + "\",\"allocations\":[{\"asset\":\"usdc\",\"amount\":\"0.5\"},{\"asset\":\"eth\",\"amount\":\"1\"}]}"));
        Assert.That(JsJson.Serialize(Requests.Transfer(null, [new TransferAllocation("usdc", "2")], "UX123D")),
            Is.EqualTo("{\"destination_user_tag\":\"UX123D\",\"allocations\":[{\"asset\":\"usdc\",\"amount\":\"2\"}]}"));
    }

    [Test]
    public void Auth_verify_forms_and_app_message_envelope()
    {
        Assert.That(JsJson.Serialize(Requests.AuthVerify("6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b")), Is.EqualTo("{\"challenge\":\"6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b\"}"));
        Assert.That(JsJson.Serialize(Requests.AuthVerifyJwt("a.b.c")), Is.EqualTo("{\"jwt\":\"a.b.c\"}"));
        var message = Requests.AppMessage(3, Sid, new System.Text.Json.Nodes.JsonObject { ["type"] = "answer" }, 1700000000000);
        var unsigned = RpcFrames.SignRequest(message, []);
        Assert.That(unsigned.Frame, Is.EqualTo("{\"req\":[3,\"message\",{\"type\":\"answer\"},1700000000000],\"sid\":\"" + Sid + "\",\"sig\":[]}"));
    }

    [Test]
    public void Assemble_keeps_foreign_signatures_in_order()
    {
        var req = new RpcRequest(1, RpcMethods.Transfer, Requests.Transfer(Alice, [new TransferAllocation("usdc", "1")]), 2);
        var frame = RpcFrames.Assemble(req, ["0x01", "0xdead"]);
        Assert.That(frame.Frame, Is.EqualTo("{\"req\":" + req.ReqJson + ",\"sig\":[\"0x01\",\"0xdead\"]}"));
        Assert.That(frame.Signatures, Is.EqualTo(new[] { "0x01", "0xdead" }));
    }

    [Test]
    public void Multi_signer_order_is_the_given_order()
    {
        var req = new RpcRequest(1, RpcMethods.CloseAppSession, Requests.CloseAppSession(Sid, []), 2);
        var alice = TestKeys.Named("alice");
        var bob = TestKeys.Named("bob");
        var ab = RpcFrames.SignRequest(req, [alice, bob]);
        var ba = RpcFrames.SignRequest(req, [bob, alice]);
        Assert.That(ab.Signatures, Is.EqualTo(ba.Signatures.Reverse()));
        var digest = RpcFrames.Digest(req.ReqJson);
        Assert.That(Signature.TryRecoverAddress(digest, ab.Signatures[0], out var first) && first == alice.Address, Is.True);
        Assert.That(Signature.TryRecoverAddress(digest, ab.Signatures[1], out var second) && second == bob.Address, Is.True);
    }
}
