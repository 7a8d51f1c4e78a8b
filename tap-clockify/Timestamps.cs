using System.Globalization;
using System.Runtime.Intrinsics;

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
        if (text.Length != 20 || text[16] != ':' || text[19] != 'Z') return false;
        // "yyyy-MM-ddTHH:mm" in one comparison: a digit wherever the pattern has one, else the pattern's byte.
        var head = Vector128.Create(text[..16]);
        var isDigit = Vector128.LessThanOrEqual(head - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
        var fits = Vector128.ConditionalSelect(CompactSeparatorPlaces, Vector128.Equals(head, CompactPattern), isDigit);
        if (fits != Vector128<byte>.AllBitsSet) return false;
        uint second = (uint)(text[17] - '0') * 10 + (uint)(text[18] - '0');
        if ((uint)(text[17] - '0') > 9 || (uint)(text[18] - '0') > 9 || second > 59) return false;
        year = Digits(text, 0) * 100 + Digits(text, 2);
        month = Digits(text, 5);
        day = Digits(text, 8);
        int hour = Digits(text, 11), minute = Digits(text, 14);
        if (year < 1 || month is < 1 or > 12 || day < 1 || (day > 28 && day > DateTime.DaysInMonth(year, month)) || hour > 23 || minute > 59) return false;
        secondOfDay = hour * 3600L + minute * 60 + second;
        return true;
    }

    private static readonly Vector128<byte> CompactPattern = Vector128.Create("0000-00-00T00:00"u8);
    private static readonly Vector128<byte> CompactSeparatorPlaces = Vector128.Create((byte)0, 0, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0);

    /// <summary>The two digits at <paramref name="at"/> as a number, known to be digits.</summary>
    private static int Digits(ReadOnlySpan<byte> text, int at) => (text[at] - '0') * 10 + (text[at + 1] - '0');
}
