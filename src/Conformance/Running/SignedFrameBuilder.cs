using System.Text;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Signs and frames a request, optionally in a deliberately different form (<c>signature:</c> step key).</summary>
public static class SignedFrameBuilder
{
    /// <summary>The normal SDK frame when <paramref name="form"/> is null; otherwise the form it describes.</summary>
    public static SignedRequest Build(RpcRequest request, IReadOnlyList<EthKey> signers, SignatureFormSpec? form)
    {
        if (form is null) return RpcFrames.SignRequest(request, signers);
        var compact = request.ReqJson;
        var sent = form.SentText == "spaced" ? Spaced(compact) : compact;
        var signedText = form.SignedText switch
        {
            "compact" => compact,
            "spaced" => Spaced(compact),
            _ => sent,
        };
        var hash = Digest(signedText, form.Scheme);
        var signatures = signers.Select(k =>
        {
            var sig = k.SignHash(hash);
            if (form.V == "0/1") sig[64] -= 27;
            return Hex.Encode(sig);
        }).ToList();
        var sb = new StringBuilder("{\"req\":").Append(sent);
        if (request.Sid is not null) sb.Append(",\"sid\":").Append(JsJson.Quote(request.Sid));
        sb.Append(",\"sig\":[").Append(string.Join(',', signatures.Select(JsJson.Quote))).Append("]}");
        return new SignedRequest(request.RequestId, request.Method, sb.ToString(), sent, signatures);
    }

    /// <summary>keccak256 of the text (<c>raw</c>), or of the EIP-191 personal_sign message wrapping it (<c>eip191</c>).</summary>
    public static byte[] Digest(string text, string scheme)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (scheme != "eip191") return Keccak256.Hash(bytes);
        var prefix = Encoding.UTF8.GetBytes($"\u0019Ethereum Signed Message:\n{bytes.Length}");
        return Keccak256.Hash([.. prefix, .. bytes]);
    }

    /// <summary>The same JSON with a space after every structural <c>,</c> and <c>:</c> (string contents untouched).</summary>
    public static string Spaced(string json)
    {
        var sb = new StringBuilder(json.Length * 5 / 4);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            sb.Append(c);
            if (inString)
            {
                if (c == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is ',' or ':') sb.Append(' ');
        }
        return sb.ToString();
    }
}
