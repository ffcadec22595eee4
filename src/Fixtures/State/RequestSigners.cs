using System.Text;
using NitroConformance.Fixtures.Node;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.State;

/// <summary>The EIP-55 addresses recovered from a request's <c>sig</c> elements over keccak256 of the raw <c>req</c> bytes.</summary>
public static class RequestSigners
{
    /// <summary>Distinct signers in <c>sig</c> order; null when any element fails to recover.</summary>
    public static IReadOnlyList<string>? Recover(RpcCall call)
    {
        var digest = Keccak256.Hash(Encoding.UTF8.GetBytes(call.RawReq));
        var signers = new List<string>();
        foreach (var sig in call.Signatures)
        {
            if (!Signature.TryRecoverAddress(digest, sig, out var address)) return null;
            if (!signers.Contains(address, StringComparer.Ordinal)) signers.Add(address);
        }
        return signers;
    }

    /// <summary>The signer of <c>sig[0]</c> only, or null when it does not recover.</summary>
    public static string? RecoverFirst(RpcCall call)
    {
        var digest = Keccak256.Hash(Encoding.UTF8.GetBytes(call.RawReq));
        return Signature.TryRecoverAddress(digest, call.Signatures[0], out var address) ? address : null;
    }
}
