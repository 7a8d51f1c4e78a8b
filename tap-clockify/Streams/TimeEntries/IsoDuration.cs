using System.Text;

namespace TapClockify.Streams.TimeEntries;

/// <summary>Durations as the core API writes them: Java's ISO 8601 form, hours never folded into days (PT25H1M1S).</summary>
public static class IsoDuration
{
    /// <summary>The longest text <see cref="Write"/> gives: "-PT" and hours, minutes and seconds of a long.</summary>
    public const int MaxLength = 32;

    public static string FromSeconds(long seconds)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(text[..Write(seconds, text)]);
    }

    /// <summary>Writes the duration's text, as ASCII, to <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns its length.</summary>
    public static int Write(long seconds, Span<byte> destination)
    {
        if (seconds == 0)
        {
            "PT0S"u8.CopyTo(destination);
            return 4;
        }
        var length = 0;
        if (seconds < 0) destination[length++] = (byte)'-';
        destination[length++] = (byte)'P';
        destination[length++] = (byte)'T';
        // The magnitude as an unsigned number, so long.MinValue has one too.
        var total = seconds < 0 ? (ulong)-(seconds + 1) + 1 : (ulong)seconds;
        Part(total / 3600, (byte)'H', destination, ref length);
        Part(total % 3600 / 60, (byte)'M', destination, ref length);
        Part(total % 60, (byte)'S', destination, ref length);
        return length;
    }

    private static void Part(ulong count, byte unit, Span<byte> destination, ref int length)
    {
        if (count == 0) return;
        count.TryFormat(destination[length..], out var written);
        length += written;
        destination[length++] = unit;
    }
}
