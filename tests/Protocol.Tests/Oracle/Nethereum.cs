using System.Text.Json.Nodes;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Oracle;

/// <summary>
/// Nethereum 6.1.0 used as an independent second implementation: its own keccak, address derivation, recovery and
/// EIP-712 typed-data encoder, fed only bytes and JSON, never our intermediate results.
/// </summary>
public static class Nethereum
{
    static Nethereum()
    {
        // Nethereum's recoverable signing (NBitcoin.Secp256k1, managed); its default BouncyCastle path signs ~17x slower.
        EthECKey.SignRecoverable = true;
    }

    private static readonly Lock SignPath = new();

    /// <summary>Nethereum's signature over a 32-byte hash: r‖s‖v with v = 27/28.</summary>
    public static byte[] Sign(byte[] hash32, byte[] privateKey32)
    {
        EthECDSASignature signature;
        if (privateKey32[0] != 0)
        {
            signature = new EthECKey(privateKey32, isPrivate: true).SignAndCalculateV(hash32);
        }
        else
        {
            // Nethereum 6.1.0's recoverable path drops a leading zero byte of the key and NBitcoin then refuses it
            // ("b32 should be of length 32"), so 1 key in 256 signs on its BouncyCastle path instead.
            lock (SignPath)
            {
                EthECKey.SignRecoverable = false;
                try
                {
                    signature = new EthECKey(privateKey32, isPrivate: true).SignAndCalculateV(hash32);
                }
                finally
                {
                    EthECKey.SignRecoverable = true;
                }
            }
        }
        var bytes = new byte[65];
        signature.R.CopyTo(bytes, 32 - signature.R.Length);
        signature.S.CopyTo(bytes, 64 - signature.S.Length);
        bytes[64] = signature.V[0];
        return bytes;
    }

    /// <summary>The EIP-55 address Nethereum recovers from r‖s‖v (ecrecover: the key the signature is valid for).</summary>
    public static string RecoverAddress(byte[] hash32, byte[] signature65) =>
        EthECKey.RecoverFromSignature(Signature(signature65), hash32).GetPublicAddress();

    /// <summary>Nethereum's own ECDSA verification of r‖s against a private key's public key.</summary>
    public static bool Verifies(byte[] hash32, byte[] signature65, byte[] privateKey32) =>
        new EthECKey(privateKey32, isPrivate: true).Verify(hash32, Signature(signature65));

    private static EthECDSASignature Signature(byte[] signature65) =>
        EthECDSASignatureFactory.FromComponents(signature65[..32], signature65[32..64], signature65[64]);

    /// <summary>The EIP-55 address of a private key.</summary>
    public static string Address(byte[] privateKey32) => new EthECKey(privateKey32, isPrivate: true).GetPublicAddress();

    /// <summary>keccak256 by Nethereum (BouncyCastle's digest underneath).</summary>
    public static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);

    /// <summary>The EIP-712 digest of eth_signTypedData_v4 JSON (domain, types, primaryType, message).</summary>
    public static byte[] TypedDataDigest(string typedDataJson) =>
        Keccak(Eip712TypedDataSigner.Current.EncodeTypedData(typedDataJson));

    /// <summary>The eth_signTypedData_v4 signature of that JSON, "0x" hex.</summary>
    public static string SignTypedData(string typedDataJson, byte[] privateKey32) =>
        Eip712TypedDataSigner.Current.SignTypedDataV4(typedDataJson, new EthECKey(privateKey32, isPrivate: true));

    /// <summary>The auth Policy as eth_signTypedData_v4 JSON, built from the policy's fields alone.</summary>
    public static string PolicyTypedData(string application, AuthPolicy policy)
    {
        static JsonObject Field(string name, string type) => new() { ["name"] = name, ["type"] = type };
        var typedData = new JsonObject
        {
            ["types"] = new JsonObject
            {
                ["EIP712Domain"] = new JsonArray(Field("name", "string")),
                ["Policy"] = new JsonArray(Field("challenge", "string"), Field("scope", "string"), Field("wallet", "address"),
                    Field("session_key", "address"), Field("expires_at", "uint64"), Field("allowances", "Allowance[]")),
                ["Allowance"] = new JsonArray(Field("asset", "string"), Field("amount", "string")),
            },
            ["primaryType"] = "Policy",
            ["domain"] = new JsonObject { ["name"] = application },
            ["message"] = new JsonObject
            {
                ["challenge"] = policy.Challenge,
                ["scope"] = policy.Scope,
                ["wallet"] = policy.Wallet,
                ["session_key"] = policy.SessionKey,
                ["expires_at"] = policy.ExpiresAt,
                ["allowances"] = new JsonArray(policy.Allowances
                    .Select(a => (JsonNode)new JsonObject { ["asset"] = a.Asset, ["amount"] = a.Amount }).ToArray()),
            },
        };
        return typedData.ToJsonString();
    }
}
