using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace NitroConformance.Protocol.Crypto;

/// <summary>Ethereum Keccak-256 (the pre-standard Keccak padding, not NIST SHA3-256).</summary>
public static class Keccak256
{
    // Keccak-256: capacity 512 bits, so 1088-bit (136-byte) blocks; domain byte 0x01 (SHA3 would use 0x06).
    private const int Rate = 136;
    private const int StackLimit = 1024;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static ReadOnlySpan<byte> RhoOffsets => [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static ReadOnlySpan<byte> PiLanes => [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[32];
        Hash(data, output);
        return output;
    }

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (32 bytes); allocates nothing.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32) throw new ArgumentException("Keccak-256 needs a 32-byte destination.", nameof(destination));
        Span<ulong> state = stackalloc ulong[25];
        while (data.Length >= Rate)
        {
            Absorb(state, data[..Rate]);
            Permute(state);
            data = data[Rate..];
        }
        Span<byte> last = stackalloc byte[Rate];
        data.CopyTo(last);
        last[data.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        Absorb(state, last);
        Permute(state);
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(8 * i, 8), state[i]);
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] HashUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new byte[32];
        HashUtf8(text, output);
        return output;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> into 32 bytes without allocating for short texts.</summary>
    public static void HashUtf8(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            Hash(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < Rate / 8; i++) state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(8 * i, 8));
    }

    // Keccak-f[1600]: 24 rounds of theta, rho+pi, chi, iota over 5×5 lanes (index x + 5y).
    private static void Permute(Span<ulong> a)
    {
        var constants = RoundConstants;
        var rho = RhoOffsets;
        var pi = PiLanes;
        for (var round = 0; round < 24; round++)
        {
            var c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
            var c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
            var c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
            var c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
            var c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
            var d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
            var d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
            var d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
            var d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
            var d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
            for (var y = 0; y < 25; y += 5)
            {
                a[y] ^= d0;
                a[y + 1] ^= d1;
                a[y + 2] ^= d2;
                a[y + 3] ^= d3;
                a[y + 4] ^= d4;
            }

            var carried = a[1];
            for (var i = 0; i < 24; i++)
            {
                var lane = pi[i];
                var next = a[lane];
                a[lane] = BitOperations.RotateLeft(carried, rho[i]);
                carried = next;
            }

            for (var y = 0; y < 25; y += 5)
            {
                var b0 = a[y];
                var b1 = a[y + 1];
                var b2 = a[y + 2];
                var b3 = a[y + 3];
                var b4 = a[y + 4];
                a[y] = b0 ^ (~b1 & b2);
                a[y + 1] = b1 ^ (~b2 & b3);
                a[y + 2] = b2 ^ (~b3 & b4);
                a[y + 3] = b3 ^ (~b4 & b0);
                a[y + 4] = b4 ^ (~b0 & b1);
            }

            a[0] ^= constants[round];
        }
    }
}
