using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace TapClockify.Clockify;

/// <summary>
/// Reads JSON text straight from its bytes, one value at a time, accepting exactly what
/// <see cref="Utf8JsonReader"/> accepts with its default options (no comments, no trailing commas,
/// at most 64 levels deep): for the items of long lists, where the reader's work per token was a
/// third of a sync's CPU. Positions count from the start of the text given; anything that is not
/// JSON throws <see cref="JsonException"/> naming the byte where it went wrong.
/// </summary>
internal static class JsonScanner
{
    /// <summary>As deep as <see cref="Utf8JsonReader"/> reads by default.</summary>
    public const int MaxDepth = 64;

    // What ends the plain run of a string: its closing quote, an escape, or a control character, which JSON does not allow raw.
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create([
        (byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>The position of the first byte at or after <paramref name="at"/> that is not whitespace; the text's length when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int at)
    {
        // Clockify writes no whitespace between tokens: the first test nearly always settles it.
        if (at < json.Length && json[at] > (byte)' ') return at;
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') at++;
        return at;
    }

    /// <summary>
    /// Passes over the value starting at <paramref name="at"/>, which is <paramref name="depth"/>
    /// levels deep (the outermost value at 0), checking it is JSON; returns where it ends and its kind.
    /// </summary>
    public static int Value(ReadOnlySpan<byte> json, int at, int depth, out JsonValueKind kind)
    {
        if (at >= json.Length) throw Unexpected(json, at);
        switch (json[at])
        {
            case (byte)'"':
                kind = JsonValueKind.String;
                return String(json, at, out _);
            case (byte)'{':
                kind = JsonValueKind.Object;
                return Object(json, at, depth);
            case (byte)'[':
                kind = JsonValueKind.Array;
                return Array(json, at, depth);
            case (byte)'t':
                kind = JsonValueKind.True;
                return Literal(json, at, "true"u8);
            case (byte)'f':
                kind = JsonValueKind.False;
                return Literal(json, at, "false"u8);
            case (byte)'n':
                kind = JsonValueKind.Null;
                return Literal(json, at, "null"u8);
            default:
                kind = JsonValueKind.Number;
                return Number(json, at);
        }
    }

    /// <summary>
    /// The value of a string whose text between the quotes is <paramref name="text"/>, its escapes
    /// resolved: for the rare name that <see cref="String"/> found escapes in.
    /// </summary>
    public static string Unescaped(ReadOnlySpan<byte> text)
    {
        var quoted = new byte[text.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        text.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Passes over the string whose opening quote is at <paramref name="at"/>; returns where it ends (past its closing quote).</summary>
    /// <param name="hasEscapes">True when its text between the quotes is not its value as it is.</param>
    public static int String(ReadOnlySpan<byte> json, int at, out bool hasEscapes)
    {
        hasEscapes = false;
        at++;
        while (true)
        {
            at = NextStringSpecial(json, at);
            if (at < 0) throw Unexpected(json, json.Length);
            switch (json[at])
            {
                case (byte)'"':
                    return at + 1;
                case (byte)'\\':
                    hasEscapes = true;
                    at = Escape(json, at);
                    break;
                default:
                    throw new JsonException($"a control character (0x{json[at]:X2}) inside a string at byte {at}");
            }
        }
    }

    /// <summary>
    /// Where the first quote, backslash or control character at or after <paramref name="at"/> is;
    /// -1 when there is none. Strings are short (ids, times): 32 bytes are looked at in one go,
    /// which the general search's set-up would cost more than.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStringSpecial(ReadOnlySpan<byte> json, int at)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(json);
            while (at + Vector256<byte>.Count <= json.Length)
            {
                var block = Vector256.LoadUnsafe(ref first, (nuint)at);
                var special = Vector256.Equals(block, Vector256.Create((byte)'"')) | Vector256.Equals(block, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(block, Vector256.Create((byte)' '));
                if (special.ExtractMostSignificantBits() is var found and not 0) return at + BitOperations.TrailingZeroCount(found);
                at += Vector256<byte>.Count;
            }
        }
        var rest = json[at..].IndexOfAny(StringSpecials);
        return rest < 0 ? -1 : at + rest;
    }

    /// <summary>Checks the escape whose backslash is at <paramref name="at"/>; returns where it ends.</summary>
    private static int Escape(ReadOnlySpan<byte> json, int at)
    {
        if (at + 1 >= json.Length) throw Unexpected(json, json.Length);
        switch (json[at + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return at + 2;
            case (byte)'u':
                for (var i = at + 2; i < at + 6; i++)
                {
                    if (i >= json.Length) throw Unexpected(json, json.Length);
                    if (!char.IsAsciiHexDigit((char)json[i])) throw Unexpected(json, i);
                }
                return at + 6;
            default:
                throw Unexpected(json, at + 1);
        }
    }

    private static int Object(ReadOnlySpan<byte> json, int at, int depth)
    {
        if (depth >= MaxDepth) throw TooDeep(at);
        at = SkipWhitespace(json, at + 1);
        if (at < json.Length && json[at] == (byte)'}') return at + 1;
        while (true)
        {
            at = PropertyName(json, at, out _, out _);
            at = Value(json, at, depth + 1, out _);
            if (AfterMember(json, ref at)) return at;
        }
    }

    /// <summary>
    /// Reads a property name at <paramref name="at"/> and the colon after it; returns where its value starts.
    /// <paramref name="nameEnd"/> is past the name's closing quote.
    /// </summary>
    public static int PropertyName(ReadOnlySpan<byte> json, int at, out int nameEnd, out bool hasEscapes)
    {
        if (at >= json.Length || json[at] != (byte)'"') throw Unexpected(json, at);
        nameEnd = String(json, at, out hasEscapes);
        var colon = SkipWhitespace(json, nameEnd);
        if (colon >= json.Length || json[colon] != (byte)':') throw Unexpected(json, colon);
        return SkipWhitespace(json, colon + 1);
    }

    /// <summary>
    /// After an object's member: moves past the comma and whitespace to the next name and returns
    /// false, or past the closing brace and returns true.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AfterMember(ReadOnlySpan<byte> json, ref int at)
    {
        at = SkipWhitespace(json, at);
        if (at < json.Length && json[at] == (byte)',')
        {
            at = SkipWhitespace(json, at + 1);
            return false;
        }
        if (at < json.Length && json[at] == (byte)'}')
        {
            at++;
            return true;
        }
        throw Unexpected(json, at);
    }

    private static int Array(ReadOnlySpan<byte> json, int at, int depth)
    {
        if (depth >= MaxDepth) throw TooDeep(at);
        at = SkipWhitespace(json, at + 1);
        if (at < json.Length && json[at] == (byte)']') return at + 1;
        while (true)
        {
            at = SkipWhitespace(json, Value(json, at, depth + 1, out _));
            if (at < json.Length && json[at] == (byte)',') at = SkipWhitespace(json, at + 1);
            else if (at < json.Length && json[at] == (byte)']') return at + 1;
            else throw Unexpected(json, at);
        }
    }

    private static int Literal(ReadOnlySpan<byte> json, int at, ReadOnlySpan<byte> literal)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            if (at + i >= json.Length || json[at + i] != literal[i]) throw Unexpected(json, at + i);
        }
        return EndOfToken(json, at + literal.Length);
    }

    /// <summary>A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static int Number(ReadOnlySpan<byte> json, int at)
    {
        if (json[at] == (byte)'-') at++;
        if (at >= json.Length) throw Unexpected(json, at);
        if (json[at] == (byte)'0') at++;
        else if (IsDigit(json[at])) at = Digits(json, at);
        else throw Unexpected(json, at);
        if (at < json.Length && json[at] == (byte)'.')
        {
            if (at + 1 >= json.Length || !IsDigit(json[at + 1])) throw Unexpected(json, at + 1);
            at = Digits(json, at + 1);
        }
        if (at < json.Length && json[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < json.Length && json[at] is (byte)'+' or (byte)'-') at++;
            if (at >= json.Length || !IsDigit(json[at])) throw Unexpected(json, at);
            at = Digits(json, at);
        }
        return EndOfToken(json, at);
    }

    private static int Digits(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && IsDigit(json[at])) at++;
        return at;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>A number or literal must be followed by a delimiter or the end, as the reader requires ("nullx", "12a" are not JSON).</summary>
    private static int EndOfToken(ReadOnlySpan<byte> json, int at)
    {
        if (at < json.Length && json[at] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)',' or (byte)'}' or (byte)']'))
            throw Unexpected(json, at);
        return at;
    }

    public static JsonException Unexpected(ReadOnlySpan<byte> json, int at) =>
        at >= json.Length
            ? new JsonException($"the JSON text ends early, at byte {at}")
            : new JsonException($"'{(json[at] is >= 0x20 and < 0x7F ? ((char)json[at]).ToString() : $"0x{json[at]:X2}")}' is not valid JSON at byte {at}");

    private static JsonException TooDeep(int at) => new($"the JSON text is nested more than {MaxDepth} levels deep at byte {at}");
}
