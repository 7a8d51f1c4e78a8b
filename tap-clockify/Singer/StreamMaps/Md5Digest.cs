using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace TapClockify.Singer.StreamMaps;

/// <summary>
/// MD5 (RFC 1321) in managed code. The platform's MD5 goes through OpenSSL, whose set-up per call
/// costs several times the hash of a short text; maps hash one short text per record.
/// </summary>
public static class Md5Digest
{
    // K[i] = floor(|sin(i + 1)| * 2^32), as RFC 1321 defines the table.
    private static readonly uint[] K = Enumerable.Range(0, 64).Select(i => (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0)).ToArray();
    private static readonly int[] Shifts =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    /// <summary>The 16-byte digest of <paramref name="data"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Span<uint> state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        var whole = data.Length - data.Length % 64;
        for (var offset = 0; offset < whole; offset += 64) Block(data.Slice(offset, 64), state);

        // The rest, a 1 bit, zeros, and the length in bits: one block, or two when the rest is long.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        var rest = data[whole..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var length = rest.Length + 1 + 8 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64LittleEndian(tail.Slice(length - 8), (ulong)data.Length * 8);
        for (var offset = 0; offset < length; offset += 64) Block(tail.Slice(offset, 64), state);

        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteUInt32LittleEndian(digest.Slice(i * 4), state[i]);
    }

    private static void Block(ReadOnlySpan<byte> block, Span<uint> state)
    {
        Span<uint> words = stackalloc uint[16];
        for (var i = 0; i < 16; i++) words[i] = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(i * 4));
        var k = K.AsSpan(0, 64);
        var shifts = Shifts.AsSpan(0, 64);
        uint a = state[0], b = state[1], c = state[2], d = state[3];
        // The four rounds differ only in their mixing function and the order they read the words in.
        for (var i = 0; i < 16; i++) Step(ref a, ref b, ref c, ref d, ((b & c) | (~b & d)) + k[i] + words[i], shifts[i]);
        for (var i = 16; i < 32; i++) Step(ref a, ref b, ref c, ref d, ((d & b) | (~d & c)) + k[i] + words[(5 * i + 1) & 15], shifts[i]);
        for (var i = 32; i < 48; i++) Step(ref a, ref b, ref c, ref d, (b ^ c ^ d) + k[i] + words[(3 * i + 5) & 15], shifts[i]);
        for (var i = 48; i < 64; i++) Step(ref a, ref b, ref c, ref d, (c ^ (b | ~d)) + k[i] + words[(7 * i) & 15], shifts[i]);
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref uint a, ref uint b, ref uint c, ref uint d, uint mixed, int shift)
    {
        var rotated = b + BitOperations.RotateLeft(a + mixed, shift);
        a = d;
        d = c;
        c = b;
        b = rotated;
    }
}
