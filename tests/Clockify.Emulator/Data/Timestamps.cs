using System.Globalization;

namespace Clockify.Emulator;

/// <summary>Timestamp text in the main API's "yyyy-MM-ddTHH:mm:ssZ" form (NOTES §6).</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Deletion times carry milliseconds live ("2026-05-20T03:55:54.071Z", NOTES §6).</summary>
    public static string FormatWithMillis(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 instant; fractional seconds and offsets are accepted.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
