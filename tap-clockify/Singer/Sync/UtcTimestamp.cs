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
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
