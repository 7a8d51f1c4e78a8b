using System.Globalization;
using System.Text.Json;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams;

/// <summary>Clockify's timestamps: "yyyy-MM-ddTHH:mm:ssZ" in queries, RFC 3339 (fraction optional) in answers.</summary>
public static class Timestamps
{
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>The moment a row's value names; null when it is not a timestamp.</summary>
    public static DateTimeOffset? Of(JsonFragment value)
    {
        if (value.Kind != JsonValueKind.String) return null;
        if (UtcTimestamp.TryParseCompactUtc(value.Utf8.Span[1..^1], out var compact)) return compact;
        return TryParse(value.GetString(), out var parsed) ? parsed : null;
    }

    /// <summary>The query form of the time-entry filters, whole seconds in UTC.</summary>
    public static string ForQuery(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The reports API's date range form, milliseconds in UTC.</summary>
    public static string ForReport(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The form bookmarks are stored in.</summary>
    public static string ForState(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
