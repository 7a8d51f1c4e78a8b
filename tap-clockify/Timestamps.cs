using System.Globalization;

namespace TapClockify;

/// <summary>
/// Time as text, in one place for every layer: Clockify's forms (whole seconds in queries, milliseconds
/// for the reports API, RFC 3339 with the fraction optional in answers), the form bookmarks are stored
/// in, and the form of RECORD messages' time_extracted. Text without a zone is read as UTC.
/// </summary>
public static class Timestamps
{
    private const DateTimeStyles AsUtc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, AsUtc);

    public static bool TryParse(string? text, out DateTimeOffset value) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, AsUtc, out value);

    /// <summary>The moment a row's text names, in the state form: every timestamp column is written so.</summary>
    public static string Normalize(string text) => ForState(Parse(text));

    /// <summary>Whole seconds in UTC: the query form of Clockify's time filters, and the form shown to people.</summary>
    public static string ForQuery(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The reports API's date range form, milliseconds in UTC.</summary>
    public static string ForReport(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The form bookmarks and timestamp columns are written in: UTC, as many fraction digits as the moment has.</summary>
    public static string ForState(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 in UTC with microseconds, the form Singer targets expect of time_extracted.</summary>
    public static string ForRecord(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static bool IsCompactUtc(ReadOnlySpan<byte> text) => TryReadCompactUtc(text, out _, out _, out _, out _);

    /// <summary>
    /// True for exactly Clockify's usual form "yyyy-MM-ddTHH:mm:ssZ" naming a real moment, read straight
    /// from UTF-8 text; anything else is left to <see cref="TryParse"/>.
    /// </summary>
    public static bool TryParseCompactUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (!TryReadCompactUtc(text, out var year, out var month, out var day, out var secondOfDay)) return false;
        value = new DateTimeOffset(new DateTime(year, month, day).Ticks + secondOfDay * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return true;
    }

    // The fields of the compact form, checked as a real moment is (every timestamp column of every record asks).
    private static bool TryReadCompactUtc(ReadOnlySpan<byte> text, out int year, out int month, out int day, out long secondOfDay)
    {
        year = month = day = 0;
        secondOfDay = 0;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return false;
        int century = Pair(text, 0), yearOfCentury = Pair(text, 2), hour = Pair(text, 11), minute = Pair(text, 14), second = Pair(text, 17);
        month = Pair(text, 5);
        day = Pair(text, 8);
        // A pair that is not two digits is negative, and so fails its range.
        if ((century | yearOfCentury) < 0) return false;
        year = century * 100 + yearOfCentury;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59) return false;
        secondOfDay = hour * 3600L + minute * 60 + second;
        return true;
    }

    /// <summary>The two digits at <paramref name="at"/> as a number; negative when they are not digits.</summary>
    private static int Pair(ReadOnlySpan<byte> text, int at)
    {
        uint tens = (uint)(text[at] - '0'), ones = (uint)(text[at + 1] - '0');
        return tens <= 9 && ones <= 9 ? (int)(tens * 10 + ones) : -1;
    }
}
