using System.Numerics;
using System.Runtime.Intrinsics;

namespace TapClockify.Clockify;

/// <summary>
/// Finds where a JSON array or object ends by counting its brackets outside strings, without
/// reading its values: far quicker than a reader, for passing over a list whose items are read
/// (and checked) on their own later. Works on bytes alone, 16 at a time where none is a backslash.
/// </summary>
internal static class JsonBrackets
{
    private const int Block = 16;

    /// <summary>
    /// The length of the array or object that <paramref name="json"/> starts with, closing bracket
    /// included; -1 when the text ends before it does. Brackets of the wrong kind are not noticed.
    /// </summary>
    public static int LengthOf(ReadOnlySpan<byte> json)
    {
        var depth = 0;
        var inString = false;
        var at = 0;
        while (at + Block <= json.Length)
        {
            var block = Vector128.Create(json.Slice(at, Block));
            if (Vector128.EqualsAny(block, Vector128.Create((byte)'\\')))
            {
                // An escape can hide a quote: this block goes byte by byte.
                var end = ByteByByte(json, ref at, at + Block, ref depth, ref inString);
                if (end >= 0) return end;
                continue;
            }
            var quotes = Vector128.Equals(block, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
            var opens = (Vector128.Equals(block, Vector128.Create((byte)'[')) | Vector128.Equals(block, Vector128.Create((byte)'{'))).ExtractMostSignificantBits();
            var closes = (Vector128.Equals(block, Vector128.Create((byte)']')) | Vector128.Equals(block, Vector128.Create((byte)'}'))).ExtractMostSignificantBits();
            // Bit i: an odd number of quotes up to byte i, that is byte i is inside a string (or is its opening quote).
            var inside = quotes;
            inside ^= inside << 1;
            inside ^= inside << 2;
            inside ^= inside << 4;
            inside ^= inside << 8;
            if (inString) inside = ~inside;
            inside &= (1u << Block) - 1;
            opens &= ~inside;
            closes &= ~inside;
            inString = (inside >> (Block - 1)) != 0;
            if (closes != 0 && depth <= BitOperations.PopCount(closes))
            {
                // The depth may reach zero in this block: follow its brackets in order.
                for (var brackets = opens | closes; brackets != 0; brackets &= brackets - 1)
                {
                    var bit = BitOperations.TrailingZeroCount(brackets);
                    if ((opens >> bit & 1) != 0) depth++;
                    else if (--depth == 0) return at + bit + 1;
                }
            }
            else depth += BitOperations.PopCount(opens) - BitOperations.PopCount(closes);
            at += Block;
        }
        return ByteByByte(json, ref at, json.Length, ref depth, ref inString);
    }

    /// <summary>Reads from <paramref name="at"/> to <paramref name="end"/> (or one byte past it, to finish an escape); the length when the outermost bracket closes, else -1.</summary>
    private static int ByteByByte(ReadOnlySpan<byte> json, ref int at, int end, ref int depth, ref bool inString)
    {
        while (at < end)
        {
            var b = json[at];
            if (inString)
            {
                // A backslash escapes the byte after it, a quote or another backslash among them.
                if (b == (byte)'\\')
                {
                    at += 2;
                    continue;
                }
                if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)'"') inString = true;
            else if (b is (byte)'[' or (byte)'{') depth++;
            else if (b is (byte)']' or (byte)'}' && --depth == 0) return at + 1;
            at++;
        }
        return -1;
    }
}
