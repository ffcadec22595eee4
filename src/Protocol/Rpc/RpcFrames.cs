using System.Text;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Protocol.Rpc;

/// <summary>Builds request envelopes <c>{"req":…,"sid":…,"sig":[…]}</c> exactly as the TypeScript SDK writes them.</summary>
public static class RpcFrames
{
    /// <summary>Every signer signs keccak256(utf8(ReqJson)) (no prefix); signatures go into <c>sig</c> in signer order.</summary>
    public static SignedRequest SignRequest(RpcRequest request, IEnumerable<EthKey> signers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signers);
        var reqJson = request.ReqJson;
        var hash = Keccak256.Hash(Encoding.UTF8.GetBytes(reqJson));
        var signatures = new List<string>();
        foreach (var signer in signers)
        {
            ArgumentNullException.ThrowIfNull(signer, nameof(signers));
            signatures.Add(signer.SignHashHex(hash));
        }
        return Assemble(request, reqJson, signatures);
    }

    /// <summary>Frames <paramref name="request"/> with signatures made elsewhere (EIP-712 auth, foreign or deliberately bad ones), in the given order.</summary>
    public static SignedRequest Assemble(RpcRequest request, IReadOnlyList<string> signatures)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signatures);
        return Assemble(request, request.ReqJson, signatures);
    }

    private static SignedRequest Assemble(RpcRequest request, string reqJson, IReadOnlyList<string> signatures)
    {
        var sb = new StringBuilder(reqJson.Length + 32 + signatures.Count * 136);
        sb.Append("{\"req\":").Append(reqJson);
        // The SDK's app-message request object is {req, sid, sig}: sid is written before sig (vector app_message_by_sid).
        if (request.Sid is not null) sb.Append(",\"sid\":").Append(JsJson.Quote(request.Sid));
        sb.Append(",\"sig\":[");
        for (var i = 0; i < signatures.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(JsJson.Quote(signatures[i] ?? throw new ArgumentException($"Signature {i} is null.", nameof(signatures))));
        }
        sb.Append("]}");
        return new SignedRequest(request.RequestId, request.Method, sb.ToString(), reqJson, signatures.ToArray());
    }

    /// <summary>keccak256 of the UTF-8 bytes of <paramref name="arrayJson"/>: the digest that request and response signatures cover.</summary>
    public static byte[] Digest(string arrayJson) => Keccak256.Hash(Encoding.UTF8.GetBytes(arrayJson));
}
