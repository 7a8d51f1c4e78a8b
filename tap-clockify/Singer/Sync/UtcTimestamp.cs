namespace TapClockify.Singer.Sync;

/// <summary>Clockify's usual timestamp form, "2026-05-20T06:00:00Z", read straight from UTF-8 text.</summary>
public static class UtcTimestamp
{
    public static bool IsCompactUtc(ReadOnlySpan<byte> text) => TryParseCompactUtc(text, out _);

    /// <summary>True for exactly "yyyy-MM-ddTHH:mm:ssZ" naming a real moment; anything else is left to a full parser.</summary>
    public static bool TryParseCompactUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return false;
        int century = Pair(text, 0), yearOfCentury = Pair(text, 2), month = Pair(text, 5), day = Pair(text, 8),
            hour = Pair(text, 11), minute = Pair(text, 14), second = Pair(text, 17);
        // A pair that is not two digits is negative, and so fails its range.
        if ((century | yearOfCentury) < 0) return false;
        var year = century * 100 + yearOfCentury;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    /// <summary>The two digits at <paramref name="at"/> as a number; negative when they are not digits.</summary>
    private static int Pair(ReadOnlySpan<byte> text, int at)
    {
        uint tens = (uint)(text[at] - '0'), ones = (uint)(text[at + 1] - '0');
        return tens <= 9 && ones <= 9 ? (int)(tens * 10 + ones) : -1;
    }
}
