using System.Text;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.Auth;

/// <summary>Recovers request signers over the raw <c>req</c> bytes (clearnode-rpc.md §4.1).</summary>
public static class RequestSignature
{
    /// <summary>The EIP-55 signer of <paramref name="signatureHex"/> over <paramref name="rawReq"/>, or null when unrecoverable.</summary>
    public static string? Recover(string rawReq, string signatureHex)
    {
        var hash = Keccak256.Hash(Encoding.UTF8.GetBytes(rawReq));
        return Signature.TryRecoverAddress(hash, signatureHex, out var address) ? address : null;
    }
}
