using System.Text;

namespace Clockify.Emulator;

/// <summary>ISO-8601 durations as the main API prints them ("PT8H", "PT1H30M", "PT0S"; NOTES §6):
/// hours are never folded into days and zero parts are left out, like java.time.Duration.</summary>
public static class IsoDuration
{
    /// <summary>The longest text <see cref="Write"/> makes: "PT", 19 digits of hours, "H59M59S".</summary>
    internal const int MaxLength = 2 + 19 + 7;

    public static string Format(TimeSpan duration)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(text[..Write(duration, text)]);
    }

    /// <summary>Writes the text as ASCII into <paramref name="into"/> (room for <see cref="MaxLength"/>) and returns its length.</summary>
    internal static int Write(TimeSpan duration, Span<byte> into)
    {
        var totalSeconds = (long)duration.TotalSeconds;
        "PT"u8.CopyTo(into);
        if (totalSeconds == 0)
        {
            into[2] = (byte)'0';
            into[3] = (byte)'S';
            return 4;
        }
        var length = 2;
        length += Part(totalSeconds / 3600, 'H', into[length..]);
        length += Part(totalSeconds % 3600 / 60, 'M', into[length..]);
        length += Part(totalSeconds % 60, 'S', into[length..]);
        return length;

        // Only positive parts are written (a negative duration comes out as "PT").
        static int Part(long value, char unit, Span<byte> into)
        {
            if (value <= 0) return 0;
            value.TryFormat(into, out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
            into[digits] = (byte)unit;
            return digits + 1;
        }
    }
}
