using System.Text;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Tests.Oracle;

/// <summary>Seeded random keys, messages and auth policies for the property tests; the seed makes a failure reproducible.</summary>
public sealed class RandomInputs(int seed)
{
    // Code points from ASCII, Latin-1, Greek, CJK, combining marks and astral emoji (surrogate pairs in UTF-16).
    private static readonly (int First, int Last)[] Ranges =
        [(0x20, 0x7e), (0xa0, 0xff), (0x370, 0x3ff), (0x300, 0x36f), (0x4e00, 0x4fff), (0x1f600, 0x1f64f), (0x10000, 0x1007f)];

    private readonly Random _random = new(seed);

    /// <summary>The seed these inputs come from.</summary>
    public int Seed => seed;

    /// <summary>32 random bytes in [1, n-1] (rejection-sampled; a miss has odds of about 2^-128).</summary>
    public byte[] PrivateKey()
    {
        while (true)
        {
            var key = Bytes(32);
            try
            {
                EthKey.FromBytes(key, Secp256k1.Managed);
                return key;
            }
            catch (FormatException)
            {
                // out of range: draw again
            }
        }
    }

    /// <summary>Random bytes of the given length.</summary>
    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A message of 0 to <paramref name="maxLength"/> random bytes.</summary>
    public byte[] Message(int maxLength = 300) => Bytes(_random.Next(maxLength + 1));

    /// <summary>Text of 0 to <paramref name="maxLength"/> code points drawn across scripts and planes.</summary>
    public string Text(int maxLength)
    {
        var builder = new StringBuilder();
        var length = _random.Next(maxLength + 1);
        for (var i = 0; i < length; i++)
        {
            var (first, last) = Ranges[_random.Next(Ranges.Length)];
            builder.Append(char.ConvertFromUtf32(_random.Next(first, last + 1)));
        }
        return builder.ToString();
    }

    /// <summary>A random EIP-55 address.</summary>
    public string Address() => EthAddress.ToChecksum(Hex.Encode(Bytes(20)));

    /// <summary>A policy with 0..5 allowances and unicode text fields.</summary>
    public AuthPolicy Policy()
    {
        var allowances = Enumerable.Range(0, _random.Next(6))
            .Select(_ => new Allowance(Text(8), _random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new AuthPolicy(Text(40), Text(12), Address(), Address(), (ulong)_random.NextInt64() * 2 + (ulong)_random.Next(2), allowances);
    }
}
