using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace NitroConformance.Protocol.Crypto;

/// <summary>Pure managed secp256k1 backend on BouncyCastle's EC arithmetic; the fallback when libsecp256k1 is absent.</summary>
public sealed class ManagedSecp256k1 : ISecp256k1
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly BigInteger N = Curve.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly BigInteger P = Curve.Curve.Field.Characteristic;
    private static readonly ECPoint G = Curve.G;

    // The comb multiplier caches a precomputed table on G, which makes repeated k·G cheap and is thread-safe.
    private readonly FixedPointCombMultiplier _baseMultiplier = new();

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> signature65)
    {
        Secp256k1Arguments.CheckSign(hash32, privateKey32, signature65);
        var d = PrivateScalar(privateKey32);
        var message = hash32.ToArray();
        var e = new BigInteger(1, message);

        // The same loop as BouncyCastle's ECDsaSigner with an RFC 6979 HMAC-SHA256 nonce, done here so the
        // parity of R.y is at hand: it is the recovery id, no trial recovery needed.
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(N, d, message);
        BigInteger r, s;
        int recoveryId;
        while (true)
        {
            var k = kCalculator.NextK();
            var point = _baseMultiplier.Multiply(G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            r = x.Mod(N);
            if (r.SignValue == 0) continue;
            s = k.ModInverse(N).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0) continue;
            // x ≥ n would need recovery id 2/3, which 27/28 cannot carry; the odds are about 2^-128.
            if (x.CompareTo(N) >= 0) continue;
            recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;
            break;
        }
        if (s.CompareTo(HalfN) > 0)
        {
            // Low-s form (EIP-2): negating s corresponds to the mirrored R, so the parity flips.
            s = N.Subtract(s);
            recoveryId ^= 1;
        }
        WriteScalar(r, signature65[..32]);
        WriteScalar(s, signature65.Slice(32, 32));
        signature65[64] = (byte)(27 + recoveryId);
    }

    /// <inheritdoc />
    public bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        Secp256k1Arguments.CheckPublicKeyBuffer(publicKey64);
        if (hash32.Length != 32 || signature65.Length != 65) return false;
        var recoveryId = Secp256k1Arguments.RecoveryId(signature65[64]);
        if (recoveryId < 0) return false;

        var r = new BigInteger(1, signature65[..32].ToArray());
        var s = new BigInteger(1, signature65.Slice(32, 32).ToArray());
        // Like libsecp256k1: r and s must be in [1, n-1]; high s is accepted.
        if (r.SignValue == 0 || s.SignValue == 0 || r.CompareTo(N) >= 0 || s.CompareTo(N) >= 0) return false;

        // SEC 1 v2, 4.1.6: R has x = r (recovery ids 0/1 only) and the y parity given by the id.
        if (r.CompareTo(P) >= 0) return false;
        var encoded = new byte[33];
        encoded[0] = (byte)(recoveryId == 1 ? 0x03 : 0x02);
        WriteScalar(r, encoded.AsSpan(1));
        ECPoint bigR;
        try
        {
            bigR = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return false; // r is not the x of any curve point
        }

        // Q = r⁻¹ (s·R − e·G), computed as (−e·r⁻¹)·G + (s·r⁻¹)·R.
        var e = new BigInteger(1, hash32.ToArray());
        var rInverse = r.ModInverse(N);
        var eFactor = N.Subtract(e.Mod(N)).Multiply(rInverse).Mod(N);
        var rFactor = s.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(G, eFactor, bigR, rFactor).Normalize();
        if (q.IsInfinity) return false;
        WriteScalar(q.AffineXCoord.ToBigInteger(), publicKey64[..32]);
        WriteScalar(q.AffineYCoord.ToBigInteger(), publicKey64.Slice(32, 32));
        return true;
    }

    /// <inheritdoc />
    public void GetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64)
    {
        Secp256k1Arguments.CheckPrivateKeyLength(privateKey32);
        Secp256k1Arguments.CheckPublicKeyBuffer(publicKey64);
        var q = _baseMultiplier.Multiply(G, PrivateScalar(privateKey32)).Normalize();
        WriteScalar(q.AffineXCoord.ToBigInteger(), publicKey64[..32]);
        WriteScalar(q.AffineYCoord.ToBigInteger(), publicKey64.Slice(32, 32));
    }

    /// <summary>True when the 32 bytes are a usable private key (1 ≤ d ≤ n-1).</summary>
    internal static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey32)
    {
        if (privateKey32.Length != 32) return false;
        var d = new BigInteger(1, privateKey32.ToArray());
        return d.SignValue > 0 && d.CompareTo(N) < 0;
    }

    private static BigInteger PrivateScalar(ReadOnlySpan<byte> privateKey32)
    {
        var d = new BigInteger(1, privateKey32.ToArray());
        if (d.SignValue == 0 || d.CompareTo(N) >= 0) throw Secp256k1Arguments.InvalidPrivateKey();
        return d;
    }

    private static void WriteScalar(BigInteger value, Span<byte> destination32)
    {
        var bytes = value.ToByteArrayUnsigned();
        destination32[..32].Clear();
        bytes.CopyTo(destination32.Slice(32 - bytes.Length, bytes.Length));
    }
}
