using System.Text;
using System.Text.Unicode;

namespace TapClockify.Singer.Messages;

/// <summary>
/// Makes a JSON value's UTF-8 text acceptable to every reader of a Singer stream: U+2028 and U+2029
/// are written escaped (they end lines for JavaScript readers), and a lone UTF-16 surrogate, escaped
/// or encoded, becomes U+FFFD, which strict UTF-8 parsers and Postgres jsonb refuse otherwise.
/// </summary>
public static class JsonTextRepair
{

    private static readonly byte[] Replacement = "\\ufffd"u8.ToArray();

    /// <summary>True when <paramref name="text"/> must go through <see cref="Repair"/> before it is written.</summary>
    public static bool NeedsRepair(ReadOnlySpan<byte> text)
    {
        // Text with neither a backslash nor a non-ASCII byte, nearly every record, needs no further
        // look: two plain scans, each far quicker than one for either kind of byte.
        var firstNonAscii = text.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        var firstEscape = text[..(firstNonAscii < 0 ? text.Length : firstNonAscii)].IndexOf((byte)'\\');
        if (firstNonAscii < 0 && firstEscape < 0) return false;
        text = text[(firstEscape >= 0 ? firstEscape : firstNonAscii)..];
        if (!Utf8.IsValid(text)) return true;
        for (var at = text.IndexOfAny((byte)0xE2, (byte)'\\'); at >= 0; at = text.IndexOfAny((byte)0xE2, (byte)'\\'))
        {
            if (text[at] == 0xE2 && at + 2 < text.Length && text[at + 1] == 0x80 && text[at + 2] is 0xA8 or 0xA9) return true;
            if (text[at] == (byte)'\\' && at + 5 < text.Length && text[at + 1] == (byte)'u' && IsSurrogateEscape(text.Slice(at + 2, 4))) return true;
            // Past an escape's second character, so an escaped backslash is not read as the start of another.
            text = text[Math.Min(text.Length, at + (text[at] == (byte)'\\' ? 2 : 1))..];
        }
        return false;
    }

    /// <summary>Writes the repaired text to <paramref name="output"/>; returns how many lone surrogates (or invalid UTF-8 sequences) became U+FFFD.</summary>
    public static int Repair(ReadOnlySpan<byte> text, List<byte> output)
    {
        var replaced = 0;
        byte[]? decoded = null;
        if (!Utf8.IsValid(text))
        {
            // Invalid sequences (a surrogate encoded on its own among them) decode to U+FFFD.
            var asText = Encoding.UTF8.GetString(text);
            replaced += asText.Count(c => c == '\uFFFD') - CountReplacementCharacters(text);
            decoded = Encoding.UTF8.GetBytes(asText);
            text = decoded;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == 0xE2 && i + 2 < text.Length && text[i + 1] == 0x80 && text[i + 2] is 0xA8 or 0xA9)
            {
                output.AddRange(text[i + 2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
                i += 2;
            }
            else if (b == (byte)'\\' && i + 5 < text.Length && text[i + 1] == (byte)'u' && IsSurrogateEscape(text.Slice(i + 2, 4)))
            {
                var unit = HexValue(text.Slice(i + 2, 4));
                var pairsWithNext = char.IsHighSurrogate((char)unit) && i + 11 < text.Length && text[i + 6] == (byte)'\\' && text[i + 7] == (byte)'u'
                    && IsHex(text.Slice(i + 8, 4)) && char.IsLowSurrogate((char)HexValue(text.Slice(i + 8, 4)));
                if (pairsWithNext)
                {
                    output.AddRange(text.Slice(i, 12));
                    i += 11;
                }
                else
                {
                    output.AddRange(Replacement);
                    replaced++;
                    i += 5;
                }
            }
            else if (b == (byte)'\\' && i + 1 < text.Length)
            {
                // Any other escape, an escaped backslash among them, goes on whole.
                output.Add(b);
                output.Add(text[++i]);
            }
            else output.Add(b);
        }
        return replaced;
    }

    private static int CountReplacementCharacters(ReadOnlySpan<byte> text)
    {
        var count = 0;
        for (var at = text.IndexOf("\uFFFD"u8); at >= 0; at = text.IndexOf("\uFFFD"u8))
        {
            count++;
            text = text[(at + 3)..];
        }
        return count;
    }

    private static bool IsSurrogateEscape(ReadOnlySpan<byte> hex) => IsHex(hex) && char.IsSurrogate((char)HexValue(hex));

    private static bool IsHex(ReadOnlySpan<byte> hex)
    {
        foreach (var b in hex)
        {
            if (!char.IsAsciiHexDigit((char)b)) return false;
        }
        return true;
    }

    private static int HexValue(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex) value = value * 16 + (b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10);
        return value;
    }
}
