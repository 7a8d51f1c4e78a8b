using System.Globalization;

namespace Clockify.Emulator;

/// <summary>Timestamp text in the main API's "yyyy-MM-ddTHH:mm:ssZ" form (NOTES §6).</summary>
public static class Timestamps
{
    private const string Form = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static ReadOnlySpan<byte> TwoDigits =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>The length of <see cref="Format"/>'s text.</summary>
    internal const int MaxLength = 20;

    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Form, CultureInfo.InvariantCulture);

    /// <summary><see cref="Format"/>'s text as ASCII into <paramref name="into"/> (room for <see cref="MaxLength"/>); returns its length.</summary>
    internal static int Write(DateTimeOffset instant, Span<byte> into)
    {
        // Digit by digit: DateTime.TryFormat with the custom format took a sixth of a time-entry page's CPU.
        var utc = instant.UtcDateTime;
        var (year, month, day) = utc;
        var secondOfDay = (int)(utc.TimeOfDay.Ticks / TimeSpan.TicksPerSecond);
        Digits(year, 4, into);
        into[4] = (byte)'-';
        Digits(month, 2, into[5..]);
        into[7] = (byte)'-';
        Digits(day, 2, into[8..]);
        into[10] = (byte)'T';
        Digits(secondOfDay / 3600, 2, into[11..]);
        into[13] = (byte)':';
        Digits(secondOfDay / 60 % 60, 2, into[14..]);
        into[16] = (byte)':';
        Digits(secondOfDay % 60, 2, into[17..]);
        into[19] = (byte)'Z';
        return MaxLength;

        // Two digits at a time, from the last.
        static void Digits(int value, int count, Span<byte> into)
        {
            for (var i = count - 2; i >= 0; i -= 2, value /= 100)
            {
                var pair = value % 100 * 2;
                into[i] = TwoDigits[pair];
                into[i + 1] = TwoDigits[pair + 1];
            }
        }
    }

    /// <summary>Deletion times carry milliseconds live ("2026-05-20T03:55:54.071Z", NOTES §6).</summary>
    public static string FormatWithMillis(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 instant; fractional seconds and offsets are accepted.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
